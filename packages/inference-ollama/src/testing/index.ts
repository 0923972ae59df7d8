export type { RecordedRequest, RecordedResponse, Recording } from './recording.js';
export { defaultRecordingsDir, loadRecordings } from './recording.js';
export type { ScriptedRecording } from './recording-index.js';
export type {
  ReceivedRequest,
  ReplayBehaviour,
  ReplayMiss,
  ReplayModel,
  ReplayOutcome,
  ReplayServer,
  ReplayServerOptions,
} from './replay-server.js';
export { startReplayServer } from './replay-server.js';
export { normaliseToday } from './request-key.js';
