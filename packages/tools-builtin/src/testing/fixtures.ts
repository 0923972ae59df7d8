/**
 * Response bodies shaped like the real services' (written by hand from their API documentation),
 * for stubs in tests. Only loopback stubs serve them.
 */

/** `GET /res/v1/web/search?q=…` of the Brave Search API. */
export const BRAVE_SEARCH_RESPONSE = {
  query: {
    original: 'who was the 44th president of the united states',
    show_strict_warning: false,
    is_navigational: false,
    is_news_breaking: false,
    spellcheck_off: true,
    country: 'us',
    bad_results: false,
    should_fallback: false,
    postal_code: '',
    city: '',
    header_country: '',
    more_results_available: true,
    state: '',
  },
  mixed: {
    type: 'mixed',
    main: [
      { type: 'web', index: 0, all: false },
      { type: 'infobox', index: 0, all: false },
      { type: 'videos', all: true },
      { type: 'web', index: 1, all: false },
      { type: 'web', index: 2, all: false },
    ],
    top: [],
    side: [],
  },
  type: 'search',
  web: {
    type: 'search',
    results: [
      {
        title: 'Barack Obama | The White House',
        url: 'https://obamawhitehouse.archives.gov/1600/presidents/barackobama',
        is_source_local: false,
        is_source_both: false,
        description:
          '<strong>Barack Obama</strong> served as the 44th President of the United States. His story is the American story — values from the heartland, a middle-class upbringing in a strong family.',
        page_age: '2017-01-20T00:00:00',
        profile: {
          name: 'Obamawhitehouse',
          url: 'https://obamawhitehouse.archives.gov/1600/presidents/barackobama',
          long_name: 'obamawhitehouse.archives.gov',
          img: 'https://imgs.search.brave.com/favicon-obama.png',
        },
        language: 'en',
        family_friendly: true,
        type: 'search_result',
        subtype: 'generic',
        meta_url: {
          scheme: 'https',
          netloc: 'obamawhitehouse.archives.gov',
          hostname: 'obamawhitehouse.archives.gov',
          favicon: 'https://imgs.search.brave.com/favicon-obama.png',
          path: '› 1600 › presidents › barackobama',
        },
        extra_snippets: [
          'Barack Obama was elected in 2008 and re-elected in 2012.',
          'Before the presidency he served as a U.S. Senator from Illinois.',
        ],
      },
      {
        title: 'Barack Obama - Wikipedia',
        url: 'https://en.wikipedia.org/wiki/Barack_Obama',
        is_source_local: false,
        is_source_both: false,
        description:
          'Barack Hussein Obama II (born August 4, 1961) is an American politician who was the 44th president of the United States from 2009 to 2017.',
        date: 'November 20, 2026',
        page_age: '2026-11-20T09:12:44',
        language: 'en',
        family_friendly: true,
        type: 'search_result',
        subtype: 'generic',
        meta_url: {
          scheme: 'https',
          netloc: 'en.wikipedia.org',
          hostname: 'en.wikipedia.org',
          favicon: 'https://imgs.search.brave.com/favicon-wiki.png',
          path: '› wiki › Barack_Obama',
        },
      },
      {
        title: 'Presidents of the United States | whitehouse.gov',
        url: 'https://www.whitehouse.gov/about-the-white-house/presidents/',
        is_source_local: false,
        is_source_both: false,
        description: 'A list of every president of the United States, with their terms of office.',
        language: 'en',
        family_friendly: true,
        type: 'search_result',
        subtype: 'generic',
      },
    ],
    family_friendly: true,
  },
  infobox: {
    type: 'graph',
    results: [
      {
        type: 'infobox',
        position: 1,
        label: '44th President of the United States',
        category: 'person',
        long_desc:
          'Barack Hussein Obama II is an American politician who served as the 44th president of the United States from 2009 to 2017.',
        thumbnail: {
          src: 'https://imgs.search.brave.com/obama-thumb.jpg',
          original: 'https://upload.wikimedia.org/obama.jpg',
        },
        attributes: [
          ['Born', 'August 4, 1961, Honolulu, Hawaii'],
          ['Party', 'Democratic'],
        ],
        website_url: 'https://www.obama.org',
        title: 'Barack Obama',
        url: 'https://en.wikipedia.org/wiki/Barack_Obama',
        description: 'President of the United States from 2009 to 2017',
        is_source_local: false,
        is_source_both: false,
      },
    ],
  },
  videos: {
    type: 'videos',
    results: [
      {
        type: 'video_result',
        url: 'https://www.youtube.com/watch?v=example44',
        title: 'President Obama’s farewell address',
        description: 'The full farewell address from Chicago, January 10, 2017.',
        age: 'January 10, 2017',
        page_age: '2017-01-10T00:00:00',
        video: { duration: '55:47', creator: 'The Obama White House', publisher: 'YouTube' },
        thumbnail: { src: 'https://imgs.search.brave.com/video-thumb.jpg' },
        meta_url: { scheme: 'https', netloc: 'youtube.com', hostname: 'www.youtube.com', path: '› watch' },
      },
    ],
    mutated_by_goggles: false,
  },
} as const;

/** Brave's answer to a bad subscription token (HTTP 422). */
export const BRAVE_ERROR_RESPONSE = {
  type: 'ErrorResponse',
  error: {
    id: 'c2b5a8b4-0f1e-4c3e-9a52-3f1c1f3a9e0d',
    status: 422,
    code: 'SUBSCRIPTION_TOKEN_INVALID',
    detail: 'The provided subscription token is invalid.',
    meta: { component: 'authentication' },
  },
  time: 1764254400,
} as const;

/** `POST /search` of the Tavily API. */
export const TAVILY_SEARCH_RESPONSE = {
  query: 'latest board members to join Meta',
  follow_up_questions: null,
  answer: null,
  images: [],
  results: [
    {
      url: 'https://about.fb.com/news/2026/02/meta-board-of-directors-update/',
      title: 'Meta Announces Additions to Its Board of Directors',
      content:
        'Meta Platforms today announced that two new independent directors have been appointed to its board of directors, effective immediately.',
      score: 0.93,
      raw_content: null,
    },
    {
      url: 'https://www.reuters.com/technology/meta-adds-directors-board-2026-02-14/',
      title: 'Meta adds two directors to its board | Reuters',
      content: 'Facebook parent Meta Platforms said on Friday it had appointed two directors to its board.',
      score: 0.88,
      published_date: 'Fri, 14 Feb 2026 16:20:00 GMT',
      raw_content: null,
    },
    {
      url: 'https://investor.atmeta.com/leadership-and-governance/',
      title: 'Leadership and Governance - Meta Investor Relations',
      content: 'Board of Directors: Mark Zuckerberg, Founder, Chairman and Chief Executive Officer; …',
      score: 0.71,
      raw_content: null,
    },
    {
      url: 'https://en.wikipedia.org/wiki/Meta_Platforms',
      title: 'Meta Platforms - Wikipedia',
      content:
        'Meta Platforms, Inc. is an American multinational technology company headquartered in Menlo Park.',
      score: 0.52,
      raw_content: null,
    },
  ],
  response_time: 1.24,
  request_id: '1b1e0d4c-6c3f-4c1f-8d3e-2b8f8b0e6a71',
} as const;

/** Tavily's answer to a missing or bad key (HTTP 401). */
export const TAVILY_ERROR_RESPONSE = {
  detail: { error: 'Unauthorized: missing or invalid API key.' },
} as const;

/** `GET /v2/query?input=…&format=plaintext&output=json` of the Wolfram Alpha Full Results API. */
export const WOLFRAM_ALPHA_RESPONSE = {
  queryresult: {
    success: true,
    error: false,
    numpods: 4,
    datatypes: 'Math',
    timedout: '',
    timedoutpods: '',
    timing: 1.221,
    parsetiming: 0.18,
    parsetimedout: false,
    recalculate: '',
    id: 'MSP1234567890abcdef',
    host: 'https://www6b3.wolframalpha.com',
    server: '12',
    related: 'https://www6b3.wolframalpha.com/api/v1/relatedQueries.jsp?id=MSPa1',
    version: '2.6',
    inputstring: 'integrate x^2 sin x dx',
    pods: [
      {
        title: 'Indefinite integral',
        scanner: 'Integral',
        id: 'IndefiniteIntegral',
        position: 100,
        error: false,
        numsubpods: 1,
        primary: true,
        subpods: [{ title: '', plaintext: '∫x^2 sin(x) dx = 2 x sin(x) - (x^2 - 2) cos(x) + constant' }],
        expressiontypes: { name: 'Default' },
        states: [{ name: 'Step-by-step solution', input: 'IndefiniteIntegral__Step-by-step solution' }],
      },
      {
        title: 'Result',
        scanner: 'Integral',
        id: 'Result',
        position: 200,
        error: false,
        numsubpods: 1,
        subpods: [{ title: '', plaintext: '2 x sin(x) - (x^2 - 2) cos(x) + constant' }],
        expressiontypes: { name: 'Default' },
      },
      {
        title: 'Plots of the integral',
        scanner: 'Integral',
        id: 'Plot',
        position: 300,
        error: false,
        numsubpods: 2,
        subpods: [
          { title: '', plaintext: '' },
          { title: '', plaintext: '' },
        ],
      },
      {
        title: 'Alternate form of the integral',
        scanner: 'Integral',
        id: 'AlternateForm',
        position: 400,
        error: false,
        numsubpods: 1,
        subpods: [{ title: '', plaintext: '-x^2 cos(x) + 2 x sin(x) + 2 cos(x) + constant' }],
      },
    ],
    assumptions: { type: 'Clash', word: 'sin', count: 2 },
  },
} as const;

/** Wolfram Alpha's answer to a bad app id: HTTP 200 with an error inside. */
export const WOLFRAM_ALPHA_ERROR_RESPONSE = {
  queryresult: { success: false, error: { code: '1', msg: 'Invalid appid' }, numpods: 0, version: '2.6' },
} as const;

/** A 2×2 red PNG, base64. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';

/** `POST /v1/images/generations` of an OpenAI-compatible images API with `b64_json`. */
export const IMAGE_GENERATION_RESPONSE = {
  created: 1764254400,
  data: [{ b64_json: TINY_PNG_BASE64, revised_prompt: 'A small red square on a plain background' }],
  usage: {
    total_tokens: 100,
    input_tokens: 50,
    output_tokens: 50,
    input_tokens_details: { text_tokens: 50, image_tokens: 0 },
  },
} as const;
