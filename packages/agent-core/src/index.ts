export { Agent, AgentSession, type ClientToolHandler } from './agent.js';
export { AgentRuntime, type AgentRuntimeOptions, DEFAULT_TOOL_LIST_TTL_MS } from './agent-runtime.js';
export { drainTurn } from './drain-turn.js';
export type { TurnCallOptions } from './turn-call-options.js';
export { DEFAULT_UNREAD_TURN_TIMEOUT_MS, TurnRun, type TurnRunOptions } from './turn/turn-run.js';
export {
  ResumeRequest,
  type ResumeRequestInput,
  TurnRequest,
  type TurnRequestInput,
} from './turn-request.js';
export { MemoryAgentStore, type MemoryAgentStoreOptions } from './store/memory-agent-store.js';
export { historyFromTurns, turnToMessages } from './turn/history.js';
export { BLOCKED_ANSWER, type NextStep } from './turn/turn-loop.js';
export { BLOCKED_TOOL_OUTPUT } from './turn/tool-step.js';
export { ResumeState } from './turn/turn-state.js';
export { turnEvents, streamChunk } from './turn/turn-events.js';
export type { DocumentFetchOptions } from './turn/documents.js';
export { isPrivateAddress } from './turn/private-address.js';
export { parseToolGroupName, type ServerTool, type ToolSet } from './tools/tool-registry.js';
