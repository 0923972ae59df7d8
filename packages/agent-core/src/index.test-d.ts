import type { JsonObject } from '@llama-stack-ts/api-types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AgentRuntime,
  type AgentRuntimeOptions,
  DEFAULT_UNREAD_TURN_TIMEOUT_MS,
  type TurnCallOptions,
  type TurnRun,
} from './index.js';

describe('public API types', () => {
  it('createTurn and resumeTurn take the signal and per-request provider data', () => {
    expectTypeOf<TurnCallOptions>().toMatchTypeOf<{ signal?: AbortSignal; providerData?: JsonObject }>();
    expectTypeOf<Parameters<AgentRuntime['createTurn']>[3]>().toEqualTypeOf<TurnCallOptions | undefined>();
    expectTypeOf<Parameters<AgentRuntime['resumeTurn']>[4]>().toEqualTypeOf<TurnCallOptions | undefined>();
    expectTypeOf<ReturnType<AgentRuntime['createTurn']>>().toEqualTypeOf<Promise<TurnRun>>();
  });

  it('the unread-turn guard is a runtime option', () => {
    expectTypeOf<AgentRuntimeOptions['unreadTurnTimeoutMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(DEFAULT_UNREAD_TURN_TIMEOUT_MS).toBeNumber();
  });
});
