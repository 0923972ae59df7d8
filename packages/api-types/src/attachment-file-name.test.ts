import { describe, expect, it } from 'vitest';
import { attachmentFileExtension, attachmentFileName, sanitizeFileName } from './attachment-file-name.js';
import { Attachment } from './content.js';

describe('attachmentFileName', () => {
  it('names an attachment without a filename by its position and MIME type', () => {
    expect(attachmentFileName({ mime_type: 'text/csv' }, 0)).toBe('attachment-1.csv');
    expect(attachmentFileName({ mime_type: 'text/plain' }, 1)).toBe('attachment-2.txt');
    expect(attachmentFileName({ mime_type: 'image/jpeg' }, 2)).toBe('attachment-3.jpg');
  });

  it('ignores MIME parameters and case, and falls back to bin', () => {
    expect(attachmentFileName({ mime_type: 'Text/CSV; charset=utf-8' }, 0)).toBe('attachment-1.csv');
    expect(attachmentFileName({ mime_type: 'application/x-unknown' }, 0)).toBe('attachment-1.bin');
    expect(attachmentFileName({ mime_type: '' }, 0)).toBe('attachment-1.bin');
  });

  it('uses the given filename, made safe', () => {
    expect(attachmentFileName({ mime_type: 'text/csv', filename: 'sales 2024.csv' }, 0)).toBe(
      'sales 2024.csv',
    );
    expect(attachmentFileName({ mime_type: 'text/csv', filename: '../../etc/passwd' }, 0)).toBe('passwd');
  });

  it('falls back to the computed name when nothing of the filename is usable', () => {
    expect(attachmentFileName({ mime_type: 'text/csv', filename: '..' }, 3)).toBe('attachment-4.csv');
    expect(attachmentFileName({ mime_type: 'text/csv', filename: 'dir/' }, 0)).toBe('attachment-1.csv');
    expect(attachmentFileName({ mime_type: 'text/csv', filename: '' }, 0)).toBe('attachment-1.csv');
  });
});

describe('attachmentFileExtension', () => {
  it('knows the common document, data and image types', () => {
    expect(
      [
        'text/plain',
        'text/csv',
        'text/tab-separated-values',
        'text/markdown',
        'text/html',
        'application/json',
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'image/png',
        'image/jpeg',
        'image/webp',
        'image/gif',
      ].map(attachmentFileExtension),
    ).toEqual(['txt', 'csv', 'tsv', 'md', 'html', 'json', 'pdf', 'xlsx', 'png', 'jpg', 'webp', 'gif']);
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path segment, with either separator', () => {
    expect(sanitizeFileName('/tmp/data/report.csv')).toBe('report.csv');
    expect(sanitizeFileName('C:\\Users\\me\\report.csv')).toBe('report.csv');
    expect(sanitizeFileName('..\\..\\boot.ini')).toBe('boot.ini');
  });

  it('never yields a hidden file, . or ..', () => {
    expect(sanitizeFileName('.bashrc')).toBe('bashrc');
    expect(sanitizeFileName(' ..hidden')).toBe('hidden');
    expect(sanitizeFileName('.')).toBeUndefined();
    expect(sanitizeFileName('..')).toBeUndefined();
    expect(sanitizeFileName('  ')).toBeUndefined();
  });

  it('replaces control, shell and non-ASCII characters', () => {
    expect(sanitizeFileName('a\u0000b\nc.csv')).toBe('a_b_c.csv');
    expect(sanitizeFileName('$(rm -rf ~);x.csv')).toBe('_rm -rf _x.csv');
    expect(sanitizeFileName('données.csv')).toBe('donn_es.csv');
  });

  it('bounds the length and keeps the extension', () => {
    const long = `${'a'.repeat(300)}.csv`;
    const safe = sanitizeFileName(long);
    expect(safe).toHaveLength(120);
    expect(safe?.endsWith('aaa.csv')).toBe(true);
    expect(sanitizeFileName('b'.repeat(300))).toBe('b'.repeat(120));
    expect(sanitizeFileName(`c.${'x'.repeat(200)}`)).toHaveLength(120);
  });
});

describe('Attachment.filename', () => {
  it('is optional and kept when given', () => {
    expect(Attachment.parse({ content: 'x', mime_type: 'text/plain' })).toEqual({
      content: 'x',
      mime_type: 'text/plain',
    });
    expect(Attachment.parse({ content: 'x', mime_type: 'text/plain', filename: 'notes.txt' })).toEqual({
      content: 'x',
      mime_type: 'text/plain',
      filename: 'notes.txt',
    });
  });
});
