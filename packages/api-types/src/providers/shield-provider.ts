import type { RunShieldRequest, RunShieldResponse, Shield } from '../safety.js';
import type { CallOptions } from './call-options.js';

export interface ShieldProvider {
  readonly id: string;
  listShields(options?: CallOptions): Promise<Shield[]>;
  /** Resolves with `{ violation }` (null when safe); a shield that cannot decide throws, never answers "safe". */
  runShield(request: RunShieldRequest, options?: CallOptions): Promise<RunShieldResponse>;
}
