/** Ours, in-process: agent-core + inference-ollama with the in-memory store. */
import { MemoryAgentStore } from '@llama-stack-ts/agent-core';
import type { Contender, ContenderContext } from '../harness/contender.js';
import { createAgentCoreContender } from './shared/agent-core-contender.js';

export function createContender(context: ContenderContext): Promise<Contender> {
  return createAgentCoreContender(context, new MemoryAgentStore());
}
