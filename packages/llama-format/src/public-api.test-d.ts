import type { CompletionMessage, ContentDelta, Message, ToolDefinition } from '@llama-stack-ts/api-types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createStreamDecoder,
  type DecodedAssistantMessage,
  decodeAssistantMessage,
  type EncodeDialogOptions,
  encodeDialog,
  type LlamaModelFamily,
  modelFamilyOf,
} from './index.js';

describe('public API types', () => {
  it('takes api-types tool definitions and messages as they are', () => {
    expectTypeOf<ToolDefinition[]>().toExtend<NonNullable<EncodeDialogOptions['tools']>>();
    expectTypeOf(encodeDialog).parameter(0).toEqualTypeOf<readonly Message[]>();
  });

  it('decodes into a CompletionMessage', () => {
    expectTypeOf<DecodedAssistantMessage>().toExtend<CompletionMessage>();
    expectTypeOf(decodeAssistantMessage).returns.toEqualTypeOf<DecodedAssistantMessage>();
  });

  it('streams api-types ContentDeltas', () => {
    const decoder = createStreamDecoder();
    expectTypeOf(decoder.push).returns.toEqualTypeOf<ContentDelta[]>();
    expectTypeOf(decoder.finish).returns.toExtend<{ deltas: ContentDelta[]; message: CompletionMessage }>();
  });

  it('names the model families', () => {
    expectTypeOf(modelFamilyOf).returns.toEqualTypeOf<LlamaModelFamily | undefined>();
    expectTypeOf<LlamaModelFamily>().toEqualTypeOf<'3.1' | '3.2' | '3.3'>();
  });
});
