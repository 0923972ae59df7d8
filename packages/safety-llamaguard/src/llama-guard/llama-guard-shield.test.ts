import {
  CancelledError,
  ConfigError,
  type Message,
  ModelNotFoundError,
  NotFoundError,
  UpstreamError,
} from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { guardRecordings } from '../test-support/guard-recordings.js';
import { FakeInference, rawUserPrompt } from '../test-support/scripted-inference.js';
import { LLAMA_GUARD_REFUSAL, LlamaGuardShield } from './llama-guard-shield.js';

const user = (content: Message['content'] & string): Message => ({ role: 'user', content });
const assistant = (content: string): Message => ({
  role: 'assistant',
  content,
  stop_reason: 'end_of_turn',
  tool_calls: [],
});

function shieldAnswering(
  verdict: string,
  options: Partial<ConstructorParameters<typeof LlamaGuardShield>[0]> = {},
) {
  const inference = new FakeInference(() => verdict);
  return { inference, shield: new LlamaGuardShield({ inference, ...options }) };
}

const sentPrompt = (inference: FakeInference, index = 0) => {
  const content = inference.requests[index]?.messages[0]?.content;
  if (typeof content !== 'string') throw new Error('expected a text prompt');
  return content;
};

describe('LlamaGuardShield against the recorded llama-guard3:1b verdicts', () => {
  const recordings = guardRecordings();

  it('covers all 88 recordings: 60 safe, 28 unsafe', () => {
    expect(recordings).toHaveLength(88);
    expect(recordings.filter((r) => r.verdict === 'safe')).toHaveLength(60);
    expect(recordings.filter((r) => r.tags.includes('unsafe'))).toHaveLength(28);
  });

  it.each(
    recordings.map((r) => [r.id, r] as const),
  )('%s: same prompt, same verdict', async (_id, recording) => {
    const inference = new FakeInference((request) =>
      rawUserPrompt(String(request.messages[0]?.content)) === recording.request.prompt
        ? recording.verdict
        : new Error('prompt differs from the recording'),
    );
    const shield = new LlamaGuardShield({ inference });
    const response = await shield.runShield({
      shield_id: 'llama-guard',
      messages: recording.conversation,
      params: {},
    });
    expect(rawUserPrompt(sentPrompt(inference))).toBe(recording.request.prompt);
    expect(inference.requests[0]?.model_id).toBe(recording.request.model);
    if (recording.verdict === 'safe') expect(response.violation).toBeNull();
    else {
      expect(response.violation).toEqual({
        violation_level: 'error',
        user_message: LLAMA_GUARD_REFUSAL,
        metadata: { violation_type: recording.verdict.split('\n')[1] },
      });
    }
  });
});

describe('LlamaGuardShield request', () => {
  it('sends one user message with the prompt, not streamed, greedy, to llama-guard3:1b by default', async () => {
    const { inference, shield } = shieldAnswering('safe');
    await shield.runShield({ shield_id: 'llama-guard', messages: [user('hello')], params: {} });
    const [request] = inference.requests;
    expect(request?.model_id).toBe('llama-guard3:1b');
    expect(request?.stream).toBe(false);
    expect(request?.sampling_params.strategy).toEqual({ type: 'greedy' });
    expect(request?.messages).toHaveLength(1);
    expect(request?.messages[0]?.role).toBe('user');
    expect(sentPrompt(inference)).toContain('<BEGIN CONVERSATION>\n\nUser: hello\n\n<END CONVERSATION>');
  });

  it('judges the whole conversation, the last message named in the task line', async () => {
    const { inference, shield } = shieldAnswering('safe');
    const messages = [user('Hi'), assistant('Hello!'), user('How do I bake bread?')];
    await shield.runShield({ shield_id: 'llama-guard', messages, params: {} });
    const prompt = sentPrompt(inference);
    expect(prompt).toContain('User: Hi\n\nAssistant: Hello!\n\nUser: How do I bake bread?');
    expect(prompt).toMatch(/^Task: Check if there is unsafe content in 'User' messages/);
    expect(prompt).toContain('ONLY THE LAST User message');
  });

  it("names the assistant side 'Assistant' for an output check, as Llama Stack does", async () => {
    const { inference, shield } = shieldAnswering('safe');
    await shield.runShield({
      shield_id: 'llama-guard',
      messages: [user('Hi'), assistant('Hello!')],
      params: {},
    });
    expect(sentPrompt(inference)).toMatch(/^Task: Check if there is unsafe content in 'Assistant' messages/);
    expect(sentPrompt(inference)).toContain('ONLY THE LAST Assistant message');
  });

  it("names the assistant side 'Agent' with the model card's role names", async () => {
    const { inference, shield } = shieldAnswering('safe', { roleNames: 'model-card' });
    await shield.runShield({
      shield_id: 'llama-guard',
      messages: [user('Hi'), assistant('Hello!')],
      params: {},
    });
    const prompt = sentPrompt(inference);
    expect(prompt).toMatch(/^Task: Check if there is unsafe content in 'Agent' messages/);
    expect(prompt).toContain('User: Hi\n\nAgent: Hello!\n\n<END CONVERSATION>');
    expect(prompt).toContain('ONLY THE LAST Agent message');
  });

  it("keeps 'User' for input checks with the model card's role names", async () => {
    const { inference, shield } = shieldAnswering('safe', { roleNames: 'model-card' });
    await shield.runShield({ shield_id: 'llama-guard', messages: [user('Hi')], params: {} });
    expect(sentPrompt(inference)).toContain("unsafe content in 'User' messages");
  });

  it('names a tool result Tool and shows a tool-call-only assistant message as empty', async () => {
    const { inference, shield } = shieldAnswering('safe');
    const call: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ call_id: 'c1', tool_name: 'get_weather', arguments: { city: 'Paris' } }],
    };
    const result: Message = { role: 'tool', call_id: 'c1', content: 'sunny' };
    await shield.runShield({
      shield_id: 'llama-guard',
      messages: [user('Weather?'), call, result],
      params: {},
    });
    expect(sentPrompt(inference)).toContain(
      'User: Weather?\n\nAssistant: \n\nTool: sunny\n\n<END CONVERSATION>',
    );
    expect(sentPrompt(inference)).toContain("unsafe content in 'Tool' messages");
  });

  it('relabels a first message that is not from the user as a user message', async () => {
    const { inference, shield } = shieldAnswering('safe');
    await shield.runShield({
      shield_id: 'llama-guard',
      messages: [{ role: 'system', content: 'Be brief.' }, user('Hi')],
      params: {},
    });
    // Llama Stack: the system message becomes a user message, then the first of two user messages is dropped.
    expect(sentPrompt(inference)).toContain('<BEGIN CONVERSATION>\n\nUser: Hi\n\n<END CONVERSATION>');
  });

  it('drops only the first of two leading user messages', async () => {
    const { inference, shield } = shieldAnswering('safe');
    await shield.runShield({
      shield_id: 'llama-guard',
      messages: [user('a'), user('b'), user('c')],
      params: {},
    });
    expect(sentPrompt(inference)).toContain(
      '<BEGIN CONVERSATION>\n\nUser: b\n\nUser: c\n\n<END CONVERSATION>',
    );
  });

  it('offers S1–S13 to the Llama-Guard-3-1B SKU and S1–S14 to Ollama tags, as Llama Stack does', async () => {
    const sku = shieldAnswering('safe', { model: 'meta-llama/Llama-Guard-3-1B' });
    await sku.shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} });
    expect(sentPrompt(sku.inference)).toContain('S13: Elections.\n<END UNSAFE CONTENT CATEGORIES>');
    const tag = shieldAnswering('safe', { model: 'llama-guard3:8b' });
    await tag.shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} });
    expect(sentPrompt(tag.inference)).toContain(
      'S14: Code Interpreter Abuse.\n<END UNSAFE CONTENT CATEGORIES>',
    );
  });
});

describe('LlamaGuardShield images', () => {
  const picture: Message = {
    role: 'user',
    content: [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image', image: { url: { uri: 'https://example.com/cat.png' } } },
    ],
  };

  it('shows images as <image> in the text to a text-only model', async () => {
    const { inference, shield } = shieldAnswering('safe');
    await shield.runShield({ shield_id: 'llama-guard', messages: [picture], params: {} });
    expect(sentPrompt(inference)).toContain('User: What is in this picture? <image>\n\n<END CONVERSATION>');
  });

  it('sends the latest user image with the prompt to Llama Guard 3 Vision, and drops older images', async () => {
    const { inference, shield } = shieldAnswering('safe', { model: 'Llama-Guard-3-11B-Vision' });
    const older: Message = {
      role: 'user',
      content: [
        { type: 'image', image: { data: 'b2xk' } },
        { type: 'text', text: 'and this one?' },
      ],
    };
    await shield.runShield({
      shield_id: 'llama-guard',
      messages: [older, assistant('A dog.'), picture],
      params: {},
    });
    const content = inference.requests[0]?.messages[0]?.content;
    expect(Array.isArray(content)).toBe(true);
    const [image, text] = content as [{ type: string; image?: unknown }, { type: 'text'; text: string }];
    expect(image).toEqual({ type: 'image', image: { url: { uri: 'https://example.com/cat.png' } } });
    expect(text.text).toContain(
      'User: and this one?\n\nAssistant: A dog.\n\nUser: What is in this picture? <image>\n\n<END CONVERSATION>',
    );
    expect(text.text).toContain('S13: Elections.\n<END UNSAFE CONTENT CATEGORIES>');
  });

  it('sends only the prompt text to Llama Guard 3 Vision when no user sent an image', async () => {
    const { inference, shield } = shieldAnswering('safe', { model: 'Llama-Guard-3-11B-Vision' });
    await shield.runShield({ shield_id: 'llama-guard', messages: [user('Hi')], params: {} });
    expect(typeof inference.requests[0]?.messages[0]?.content).toBe('string');
  });
});

describe('LlamaGuardShield excluded categories', () => {
  it('leaves excluded categories out of the prompt', async () => {
    const { inference, shield } = shieldAnswering('safe', { excludedCategories: ['S2', 'S14'] });
    await shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} });
    const prompt = sentPrompt(inference);
    expect(prompt).toContain('S1: Violent Crimes.\nS3: Sex Crimes.');
    expect(prompt).not.toContain('S2:');
    expect(prompt).toContain('S13: Elections.\n<END UNSAFE CONTENT CATEGORIES>');
  });

  it('answers safe when every flagged code is excluded', async () => {
    const { shield } = shieldAnswering('unsafe\nS2', { excludedCategories: ['S2'] });
    expect(await shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} })).toEqual({
      violation: null,
    });
  });

  it('still reports a violation when one flagged code is not excluded', async () => {
    const { shield } = shieldAnswering('unsafe\nS2,S10', { excludedCategories: ['S2'] });
    const { violation } = await shield.runShield({
      shield_id: 'llama-guard',
      messages: [user('x')],
      params: {},
    });
    expect(violation?.metadata).toEqual({ violation_type: 'S2,S10' });
  });

  it('keeps every category in the prompt when all are excluded (Llama Stack), and never flags', async () => {
    const all = Array.from({ length: 14 }, (_, i) => `S${i + 1}`);
    const { inference, shield } = shieldAnswering('unsafe\nS1', { excludedCategories: all });
    const response = await shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} });
    expect(sentPrompt(inference)).toContain('S1: Violent Crimes.');
    expect(response.violation).toBeNull();
  });

  it('rejects codes outside S1–S14 when configured', () => {
    const inference = new FakeInference(() => 'safe');
    expect(() => new LlamaGuardShield({ inference, excludedCategories: ['S15', 'violence'] })).toThrow(
      ConfigError,
    );
  });

  it('lists its shield with the model and excluded categories', async () => {
    const { shield } = shieldAnswering('safe', { excludedCategories: ['S6'] });
    expect(await shield.listShields()).toEqual([
      {
        identifier: 'llama-guard',
        provider_id: 'llama-guard',
        provider_resource_id: 'llama-guard3:1b',
        type: 'shield',
        params: { excluded_categories: ['S6'] },
      },
    ]);
  });
});

describe('LlamaGuardShield verdicts', () => {
  it.each([
    ['safe', null],
    ['  safe\n', null],
    ['unsafe\nS1', 'S1'],
    ['unsafe\nS1,S10', 'S1,S10'],
    ['\nunsafe\nS12\n', 'S12'],
  ])('reads %j', async (output, violationType) => {
    const { shield } = shieldAnswering(output);
    const { violation } = await shield.runShield({
      shield_id: 'llama-guard',
      messages: [user('x')],
      params: {},
    });
    if (violationType === null) expect(violation).toBeNull();
    else {
      expect(violation).toEqual({
        violation_level: 'error',
        user_message: "I can't answer that. Can I help with something else?",
        metadata: { violation_type: violationType },
      });
    }
  });

  it.each([
    [''],
    ['unsafe'],
    ['Safe'],
    ['unsafe\nS1\nS2'],
    ['The conversation is safe.'],
    ['unsafe\n'],
  ])('treats %j as an UpstreamError, never as safe', async (output) => {
    const { shield } = shieldAnswering(output);
    await expect(
      shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} }),
    ).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('LlamaGuardShield failures', () => {
  it('passes a typed provider error through unchanged', async () => {
    const missing = new ModelNotFoundError('llama-guard3:1b', 'run: ollama pull llama-guard3:1b');
    const shield = new LlamaGuardShield({ inference: new FakeInference(() => missing) });
    await expect(
      shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} }),
    ).rejects.toBe(missing);
  });

  it('turns an untyped provider failure into an UpstreamError naming the model', async () => {
    const shield = new LlamaGuardShield({
      inference: new FakeInference(() => new TypeError('fetch failed')),
    });
    const error = await shield
      .runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toContain('llama-guard3:1b');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('settles with a CancelledError when aborted', async () => {
    const controller = new AbortController();
    const shield = new LlamaGuardShield({
      inference: new FakeInference(() => {
        controller.abort(new Error('client went away'));
        return 'safe';
      }),
    });
    await expect(
      shield.runShield(
        { shield_id: 'llama-guard', messages: [user('x')], params: {} },
        { signal: controller.signal },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
  });

  it('does not call the model when already aborted', async () => {
    const { inference, shield } = shieldAnswering('safe');
    const signal = AbortSignal.abort();
    await expect(
      shield.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} }, { signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(inference.requests).toHaveLength(0);
  });

  it('answers NotFoundError for another shield id', async () => {
    const { shield } = shieldAnswering('safe');
    await expect(
      shield.runShield({ shield_id: 'prompt-guard', messages: [user('x')], params: {} }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
