import type { Logger } from 'pino';
import type { RunConfig } from '../config/run-config.js';
import type { TurnTracker } from '../http/turn-tracker.js';
import type { RouteRegistry } from '../openapi/route-registry.js';
import type { Stack } from '../stack/stack.js';

export interface RouteContext {
  registry: RouteRegistry;
  stack: Stack;
  config: RunConfig;
  tracker: TurnTracker;
  logger: Logger;
  version: string;
}
