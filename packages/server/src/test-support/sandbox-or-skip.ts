import { INSTALL_HINT } from '@llama-stack-ts/tools-builtin';
import type { Stack } from '../stack/stack.js';

/**
 * Why the server's code interpreter is off, for `context.skip(reason)`; undefined when it runs. With
 * REQUIRE_SYSTEM_DEPS=1 (CI) a missing sandbox fails the suite instead.
 */
export function codeInterpreterUnavailable(stack: Stack, what: string): string | undefined {
  const reason = stack.disabled.find((d) => d.component.startsWith('tool code_interpreter'))?.reason;
  if (!reason) return undefined;
  if (process.env.REQUIRE_SYSTEM_DEPS === '1') {
    throw new Error(`code_interpreter is required here but unavailable: ${reason}`);
  }
  console.warn(`${what} skipped (${INSTALL_HINT}): ${reason}`);
  return reason;
}
