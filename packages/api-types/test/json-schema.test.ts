import { describe, expect, it } from 'vitest';
import { AgentConfig, openApiComponentSchemas, pageOf, toJsonSchema, wireSchemas } from '../src/index.js';

describe('JSON Schema generated from the zod schemas', () => {
  const schemas = openApiComponentSchemas();

  it('has one component per wire schema', () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(wireSchemas).sort());
  });

  it('describes request bodies in their input form, defaults optional', () => {
    const config = toJsonSchema(AgentConfig, 'input') as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(config.required.sort()).toEqual(['instructions', 'model']);
    expect(config.properties).toHaveProperty('max_infer_iters');
    expect(config.properties.max_infer_iters).toMatchObject({ type: 'integer', default: 10 });
  });

  it('describes responses in their output form, defaults required', () => {
    const turn = schemas.Turn as { required: string[] };
    expect(turn.required).toEqual(
      expect.arrayContaining([
        'turn_id',
        'session_id',
        'input_messages',
        'steps',
        'output_message',
        'started_at',
      ]),
    );
  });

  it('gives discriminated unions as oneOf/anyOf of tagged objects', () => {
    const step = JSON.stringify(schemas.Step);
    for (const tag of ['inference', 'tool_execution', 'shield_call', 'memory_retrieval'])
      expect(step).toContain(tag);
  });

  it('produces plain JSON (no $schema, serialisable)', () => {
    for (const schema of Object.values(schemas)) {
      expect(schema).not.toHaveProperty('$schema');
      expect(() => JSON.stringify(schema)).not.toThrow();
    }
  });
});

describe('pagination', () => {
  it('slices like Llama Stack list endpoints', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(pageOf(items)).toEqual({ data: items, has_more: false });
    expect(pageOf(items, { start_index: 1, limit: 2 })).toEqual({ data: ['b', 'c'], has_more: true });
    expect(pageOf(items, { start_index: 4, limit: 2 })).toEqual({ data: ['e'], has_more: false });
  });
});
