import { describe, expect, it } from 'vitest';
import { attachmentNotice, documentAttachments } from './document-attachments.js';

describe('documentAttachments', () => {
  it('names every document of a turn after the turn, with the extension of its MIME type', () => {
    const attachments = documentAttachments(
      'turn-a',
      [
        { content: 'a,b', mime_type: 'text/csv' },
        { content: { uri: 'https://example.test/notes' }, mime_type: 'text/markdown; charset=utf-8' },
      ],
      ['a,b', '# notes'],
    );
    expect(attachments).toEqual([
      { content: 'a,b', mime_type: 'text/csv', filename: expect.stringMatching(/^turn-[0-9a-f]{8}-1\.csv$/) },
      {
        content: '# notes',
        mime_type: 'text/markdown; charset=utf-8',
        filename: expect.stringMatching(/^turn-[0-9a-f]{8}-2\.md$/),
      },
    ]);
    expect(attachments[1]!.filename!.slice(0, 13)).toBe(attachments[0]!.filename!.slice(0, 13));
  });

  it('gives the documents of different turns different names, whatever the turn ids look like', () => {
    const name = (turnId: string) =>
      documentAttachments(turnId, [{ content: 'x', mime_type: 'text/csv' }], ['x'])[0]!.filename;
    const names = [
      'turn-00000001',
      'turn-00000002',
      'b5d2c0c8-1f1e-4c1c-9a0e-1',
      'b5d2c0c8-1f1e-4c1c-9a0e-2',
    ].map(name);
    expect(new Set(names).size).toBe(4);
    expect(name('turn-00000001')).toBe(names[0]);
  });
});

describe('attachmentNotice', () => {
  it('names each file as the code interpreter does', () => {
    expect(
      attachmentNotice([
        { content: 'x', mime_type: 'text/csv', filename: 'turn-0123abcd-1.csv' },
        { content: 'y', mime_type: 'text/plain' },
      ]),
    ).toEqual({
      role: 'tool',
      call_id: '',
      content:
        '# There is a file accessible to you at "/work/turn-0123abcd-1.csv"\n' +
        // Attachments stored by a paused turn before files were named per turn.
        '# There is a file accessible to you at "/work/attachment-2.txt"\n',
    });
  });
});
