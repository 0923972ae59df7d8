import { describe, expect, it } from 'vitest';
import {
  InvokeToolRequest,
  Model,
  paginatedList,
  RunShieldRequest,
  RunShieldResponse,
  Session,
  Shield,
  Tool,
  ToolGroup,
  ToolInvocationResult,
} from '../src/index.js';
import { jsonFixture } from './fixtures.js';

const fixtures = jsonFixture('resources.json') as Record<string, unknown>;

describe('resources and safety payloads round-trip unchanged', () => {
  it.each([
    ['models', paginatedList(Model)],
    ['shields', paginatedList(Shield)],
    ['tools', paginatedList(Tool)],
    ['toolgroups', paginatedList(ToolGroup)],
    ['sessions', paginatedList(Session)],
    ['run_shield_request', RunShieldRequest],
    ['run_shield_response', RunShieldResponse],
    ['invoke_tool_response', ToolInvocationResult],
  ] as const)('%s', (name, schema) => {
    const payload = fixtures[name];
    expect(schema.parse(payload)).toEqual(payload);
  });

  it('accepts a safe verdict as a missing or null violation', () => {
    expect(RunShieldResponse.parse({})).toEqual({});
    expect(RunShieldResponse.parse({ violation: null })).toEqual({ violation: null });
  });

  it('defaults tool-runtime kwargs and the resource type tags', () => {
    expect(InvokeToolRequest.parse({ tool_name: 'web_search' })).toEqual({
      tool_name: 'web_search',
      kwargs: {},
    });
    expect(Model.parse({ identifier: 'm', provider_resource_id: 'm', provider_id: 'ollama' })).toEqual({
      identifier: 'm',
      provider_resource_id: 'm',
      provider_id: 'ollama',
      type: 'model',
      model_type: 'llm',
      metadata: {},
    });
  });
});
