import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../shared/python-json.js';
import { WOLFRAM_ALPHA_RESPONSE } from '../testing/fixtures.js';
import { cleanWolframResponse } from './clean-wolfram-response.js';

describe('cleanWolframResponse', () => {
  it('matches the seed test vector byte for byte', () => {
    const input = {
      queryresult: {
        success: true,
        error: false,
        numpods: 4,
        datatypes: '',
        timing: 1.2,
        id: 'x',
        host: 'h',
        server: 's',
        version: '2.6',
        inputstring: '100th decimal of pi',
        pods: [
          {
            title: 'Input interpretation',
            scanner: 'Identity',
            id: 'Input',
            position: 100,
            error: false,
            numsubpods: 1,
            subpods: [{ title: '', plaintext: '100th digit | π', img: { src: 'u' } }],
          },
          {
            title: 'Result',
            primary: true,
            id: 'Result',
            position: 200,
            subpods: [{ title: '', plaintext: '7' }],
            states: [1],
            infos: {},
          },
          { title: 'Nearby digits', id: 'N', subpods: [] },
        ],
        assumptions: { x: 1 },
        related: 'r',
      },
    };
    expect(pythonJsonDumps(cleanWolframResponse(input))).toBe(
      '{"queryresult": {"success": true, "inputstring": "100th decimal of pi", "pods": [{"title": "Input interpretation", ' +
        '"subpods": [{"title": "", "plaintext": "100th digit | \\u03c0", "img": {"src": "u"}}]}, ' +
        '{"title": "Result", "primary": true, "subpods": [{"title": "", "plaintext": "7"}]}]}}',
    );
  });

  it('keeps the pods up to the Result pod and leaves the input untouched', () => {
    const before = JSON.stringify(WOLFRAM_ALPHA_RESPONSE);
    const cleaned = cleanWolframResponse(WOLFRAM_ALPHA_RESPONSE) as {
      queryresult: { pods: Array<{ title: string }> };
    };
    expect(cleaned.queryresult.pods.map((pod) => pod.title)).toEqual(['Indefinite integral', 'Result']);
    expect(Object.keys(cleaned.queryresult)).toEqual(['success', 'inputstring', 'pods']);
    expect(JSON.stringify(WOLFRAM_ALPHA_RESPONSE)).toBe(before);
  });

  it('keeps every pod when none is titled Result', () => {
    const cleaned = cleanWolframResponse({
      queryresult: {
        success: true,
        pods: [
          { title: 'A', id: 'a' },
          { title: 'B', position: 2 },
        ],
      },
    });
    expect(cleaned).toEqual({ queryresult: { success: true, pods: [{ title: 'A' }, { title: 'B' }] } });
  });
});
