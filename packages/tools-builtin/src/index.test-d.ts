import type { ToolProvider } from '@llama-stack-ts/api-types';
import { expectTypeOf, test } from 'vitest';
import {
  BuiltinToolsConfig,
  type CodeInterpreterProvider,
  type CreateBuiltinToolsOptions,
  type createBuiltinTools,
  type UnavailableTool,
} from './index.js';

test('a parsed run.yaml tools section goes straight into createBuiltinTools', () => {
  const parsed = BuiltinToolsConfig.parse({ webSearch: { provider: 'tavily' } });
  expectTypeOf(parsed).toExtend<CreateBuiltinToolsOptions>();
});

test('createBuiltinTools hands out ToolProviders and the reasons for what is off', () => {
  type Result = Awaited<ReturnType<typeof createBuiltinTools>>;
  expectTypeOf<Result['providers']>().toEqualTypeOf<ToolProvider[]>();
  expectTypeOf<Result['unavailable']>().toEqualTypeOf<UnavailableTool[]>();
  expectTypeOf<Result['codeInterpreter']>().toEqualTypeOf<CodeInterpreterProvider | undefined>();
});

test('every provider is a ToolProvider', () => {
  expectTypeOf<CodeInterpreterProvider>().toExtend<ToolProvider>();
});
