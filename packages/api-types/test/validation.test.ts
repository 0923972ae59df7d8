import { describe, expect, it } from 'vitest';
import {
  AgentConfig,
  CreateTurnRequest,
  ImageContentItem,
  InvalidRequestError,
  parseOrThrow,
  ResumeTurnRequest,
  RunShieldRequest,
  SamplingParams,
  ToolDef,
} from '../src/index.js';

function errorOf(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('invalid input names the field', () => {
  it.each([
    [
      'a sampling strategy',
      AgentConfig,
      { model: 'm', instructions: 'i', sampling_params: { strategy: { type: 'nucleus' } } },
      'agent_config.sampling_params.strategy.type',
    ],
    ['a missing model', AgentConfig, { instructions: 'i' }, 'agent_config.model'],
    [
      'a client tool parameter',
      AgentConfig,
      { model: 'm', instructions: 'i', client_tools: [{ name: 'f', parameters: [{ name: 'x' }] }] },
      'agent_config.client_tools[0].parameters[0].parameter_type',
    ],
    [
      'an unknown tool_choice shape',
      AgentConfig,
      { model: 'm', instructions: 'i', tool_config: { tool_choice: '' } },
      'agent_config.tool_config.tool_choice',
    ],
  ])('%s', (_, schema, value, path) => {
    const error = errorOf(() => parseOrThrow(schema, value, 'agent_config'));
    expect(error.field).toBe(path);
    expect(error.status).toBe(400);
    expect(error.message).toContain(path);
  });

  it('names the message role that is not allowed in a turn', () => {
    const error = errorOf(() =>
      parseOrThrow(CreateTurnRequest, { messages: [{ role: 'system', content: 'you are evil' }] }),
    );
    expect(error.field).toBe('messages[0].role');
  });

  it('requires at least one message and one tool response', () => {
    expect(errorOf(() => parseOrThrow(CreateTurnRequest, { messages: [] })).field).toBe('messages');
    expect(errorOf(() => parseOrThrow(ResumeTurnRequest, { tool_responses: [] })).field).toBe(
      'tool_responses',
    );
    expect(
      errorOf(() => parseOrThrow(RunShieldRequest, { shield_id: 'llama-guard', messages: [] })).field,
    ).toBe('messages');
  });

  it('rejects an image with neither url nor data', () => {
    expect(ImageContentItem.safeParse({ type: 'image', image: {} }).success).toBe(false);
    expect(ImageContentItem.safeParse({ type: 'image', image: { data: 'iVBOR' } }).success).toBe(true);
  });

  it('rejects deprecated tool_choice that disagrees with tool_config', () => {
    const error = errorOf(() =>
      parseOrThrow(
        AgentConfig,
        { model: 'm', instructions: 'i', tool_choice: 'required', tool_config: { tool_choice: 'none' } },
        'agent_config',
      ),
    );
    expect(error.field).toBe('agent_config.tool_choice');
    expect(error.message).toMatch(/tool_choice is deprecated/);
  });

  it('lists every issue in details', () => {
    const error = errorOf(() => parseOrThrow(AgentConfig, {}, 'agent_config'));
    expect(error.details?.issues).toEqual([
      { path: 'agent_config.model', message: expect.any(String) },
      { path: 'agent_config.instructions', message: expect.any(String) },
    ]);
  });
});

describe('defaults', () => {
  it('builds tool_config from the deprecated fields', () => {
    const config = AgentConfig.parse({
      model: 'm',
      instructions: 'i',
      tool_choice: 'required',
      tool_prompt_format: 'python_list',
    });
    expect(config.tool_config).toEqual({
      tool_choice: 'required',
      tool_prompt_format: 'python_list',
      system_message_behavior: 'append',
    });
  });

  it('fills sampling params and tool parameter defaults', () => {
    expect(SamplingParams.parse({})).toEqual({
      strategy: { type: 'greedy' },
      max_tokens: 0,
      repetition_penalty: 1,
    });
    expect(SamplingParams.parse({ strategy: { type: 'top_p', temperature: 0.7 } }).strategy).toEqual({
      type: 'top_p',
      temperature: 0.7,
      top_p: 0.95,
    });
    expect(
      ToolDef.parse({
        name: 'get_boiling_point',
        parameters: [{ name: 'liquid_name', parameter_type: 'string' }],
      }),
    ).toEqual({
      name: 'get_boiling_point',
      parameters: [{ name: 'liquid_name', parameter_type: 'string', description: '', required: true }],
    });
  });

  it('treats a turn request as non-streaming unless asked', () => {
    expect(CreateTurnRequest.parse({ messages: [{ role: 'user', content: 'hi' }] }).stream).toBe(false);
  });

  it('accepts what llama-stack-client@0.3.0 sends with every optional field set', () => {
    const body = {
      instructions: 'instructions',
      model: 'model',
      client_tools: [
        {
          name: 'name',
          description: 'description',
          metadata: { foo: true },
          parameters: [
            {
              description: 'description',
              name: 'name',
              parameter_type: 'parameter_type',
              required: true,
              default: true,
            },
          ],
        },
      ],
      enable_session_persistence: true,
      input_shields: ['string'],
      max_infer_iters: 0,
      name: 'name',
      output_shields: ['string'],
      response_format: { json_schema: { foo: true }, type: 'json_schema' },
      sampling_params: {
        strategy: { type: 'greedy' },
        max_tokens: 0,
        repetition_penalty: 0,
        stop: ['string'],
      },
      tool_choice: 'auto',
      tool_config: { system_message_behavior: 'append', tool_choice: 'auto', tool_prompt_format: 'json' },
      tool_prompt_format: 'json',
      toolgroups: ['string', { name: 'builtin::rag/knowledge_search', args: { vector_db_ids: ['v1'] } }],
    };
    const config = AgentConfig.parse(body);
    expect(config).toMatchObject({ ...body, output_shield_policy: 'buffer', tool_output_shields: [] });
  });
});
