export { MemoryFileStore } from './memory-file-store.js';
export {
  type ReceivedStubRequest,
  type StubBehaviour,
  type StubRoute,
  startToolApiStub,
  type ToolApiStub,
} from './tool-api-stub.js';
export {
  BRAVE_ERROR_RESPONSE,
  BRAVE_SEARCH_RESPONSE,
  IMAGE_GENERATION_RESPONSE,
  TAVILY_ERROR_RESPONSE,
  TAVILY_SEARCH_RESPONSE,
  TINY_PNG_BASE64,
  WOLFRAM_ALPHA_ERROR_RESPONSE,
  WOLFRAM_ALPHA_RESPONSE,
} from './fixtures.js';
