import { describe, expect, it } from 'vitest';
import { TAVILY_SEARCH_RESPONSE } from '../testing/fixtures.js';
import { cleanTavilyResponse } from './clean-tavily-response.js';

describe('cleanTavilyResponse', () => {
  it('keeps the first k results with title, url, content, score and date', () => {
    const cleaned = cleanTavilyResponse(TAVILY_SEARCH_RESPONSE, 2);
    expect(cleaned).toEqual({
      query: 'latest board members to join Meta',
      top_k: [
        {
          title: 'Meta Announces Additions to Its Board of Directors',
          url: 'https://about.fb.com/news/2026/02/meta-board-of-directors-update/',
          content: expect.stringContaining('two new independent directors'),
          score: 0.93,
        },
        {
          title: 'Meta adds two directors to its board | Reuters',
          url: 'https://www.reuters.com/technology/meta-adds-directors-board-2026-02-14/',
          content: expect.any(String),
          score: 0.88,
          published_date: 'Fri, 14 Feb 2026 16:20:00 GMT',
        },
      ],
    });
  });

  it('passes Tavily’s own answer on when it sent one', () => {
    expect(cleanTavilyResponse({ query: 'q', answer: '42', results: [] }, 3)).toEqual({
      query: 'q',
      top_k: [],
      answer: '42',
    });
  });
});
