import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../shared/python-json.js';
import { BRAVE_SEARCH_RESPONSE } from '../testing/fixtures.js';
import { cleanBraveResponse } from './clean-brave-response.js';

describe('cleanBraveResponse', () => {
  it('matches the seed test vector byte for byte', () => {
    const input = {
      query: { original: 'q1' },
      mixed: {
        type: 'mixed',
        main: [
          { type: 'web', index: 1, all: false },
          { type: 'faq', all: true },
          { type: 'videos', all: true },
          { type: 'web', index: 0, all: false },
        ],
      },
      web: {
        results: [
          {
            type: 'search_result',
            title: 'A',
            url: 'u0',
            description: 'd0',
            age: 'x',
            extra_snippets: ['s'],
          },
          { title: 'B', url: 'u1', description: 'd1', type: 'search_result', profile: {} },
        ],
      },
      faq: { results: [{ question: 'q?', answer: 'a', title: 't', url: 'u', meta_url: {} }] },
      videos: { results: [{ type: 'video_result', url: 'v', title: 'vt', description: '', thumbnail: {} }] },
    };
    expect(pythonJsonDumps(cleanBraveResponse(input, 3))).toBe(
      '{"query": "q1", "top_k": [{"title": "B", "url": "u1", "description": "d1", "type": "search_result"}, ' +
        '[{"question": "q?", "answer": "a", "title": "t", "url": "u"}], ' +
        '[{"type": "video_result", "url": "v", "title": "vt", "description": ""}]]}',
    );
  });

  it('follows Brave’s mixed ranking across web, infobox and video results', () => {
    const cleaned = cleanBraveResponse(BRAVE_SEARCH_RESPONSE, 3);
    expect(cleaned.query).toBe('who was the 44th president of the united states');
    expect(cleaned.top_k).toEqual([
      {
        title: 'Barack Obama | The White House',
        url: 'https://obamawhitehouse.archives.gov/1600/presidents/barackobama',
        description: expect.stringContaining('44th President'),
        type: 'search_result',
        extra_snippets: expect.any(Array),
      },
      {
        type: 'infobox',
        long_desc: expect.stringContaining('44th president'),
        title: 'Barack Obama',
        url: 'https://en.wikipedia.org/wiki/Barack_Obama',
        description: 'President of the United States from 2009 to 2017',
      },
      [
        {
          type: 'video_result',
          url: 'https://www.youtube.com/watch?v=example44',
          title: 'President Obama’s farewell address',
          description: 'The full farewell address from Chicago, January 10, 2017.',
        },
      ],
    ]);
  });

  it('skips entries that point nowhere instead of failing, and gives [] for unknown types', () => {
    const cleaned = cleanBraveResponse(
      {
        query: { original: 'q' },
        mixed: {
          main: [
            { type: 'web', index: 7 },
            { type: 'web' },
            { type: 'discussions', all: true },
            { type: 'news', all: true },
          ],
        },
        web: { results: [] },
      },
      10,
    );
    expect(cleaned).toEqual({ query: 'q', top_k: [[]] });
  });

  it('answers with no results when Brave sends no mixed ranking', () => {
    expect(cleanBraveResponse({ query: { original: 'nothing' } }, 3)).toEqual({
      query: 'nothing',
      top_k: [],
    });
  });
});
