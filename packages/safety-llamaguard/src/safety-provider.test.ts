import { ConfigError, type Message, NotFoundError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { createSafetyProvider, ShieldRouter } from './safety-provider.js';
import { CodeScannerShield } from './code-scanner/code-scanner-shield.js';
import { FakeInference } from './test-support/scripted-inference.js';

const user = (content: string): Message => ({ role: 'user', content });

describe('createSafetyProvider', () => {
  it('lists llama-guard and code-scanner with their params', async () => {
    const safety = createSafetyProvider({
      inference: new FakeInference(() => 'safe'),
      llamaGuard: { model: 'llama-guard3:8b', excludedCategories: ['S6'] },
    });
    const shields = await safety.listShields();
    expect(shields.map((shield) => shield.identifier)).toEqual(['llama-guard', 'code-scanner']);
    expect(shields[0]).toEqual({
      identifier: 'llama-guard',
      provider_id: 'llama-guard',
      provider_resource_id: 'llama-guard3:8b',
      type: 'shield',
      params: { excluded_categories: ['S6'] },
    });
    expect(shields[1]).toMatchObject({ identifier: 'code-scanner', provider_id: 'code-scanner' });
  });

  it('routes each shield id to its shield', async () => {
    const inference = new FakeInference(() => 'unsafe\nS1');
    const safety = createSafetyProvider({ inference });
    const guard = await safety.runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} });
    expect(guard.violation?.metadata).toEqual({ violation_type: 'S1' });
    expect(inference.requests).toHaveLength(1);
    const scanner = await safety.runShield({ shield_id: 'code-scanner', messages: [user('x')], params: {} });
    expect(scanner.violation).toBeNull();
    expect(inference.requests).toHaveLength(1);
  });

  it('answers NotFoundError for an unknown shield id', async () => {
    const safety = createSafetyProvider({ inference: new FakeInference(() => 'safe') });
    await expect(
      safety.runShield({ shield_id: 'prompt-guard', messages: [user('x')], params: {} }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('offers only the code scanner without an inference provider, and nothing when both are off', async () => {
    expect((await createSafetyProvider().listShields()).map((s) => s.identifier)).toEqual(['code-scanner']);
    const none = createSafetyProvider({ llamaGuard: false, codeScanner: false });
    expect(await none.listShields()).toEqual([]);
  });

  it('needs an inference provider when Llama Guard is configured', () => {
    expect(() => createSafetyProvider({ llamaGuard: { model: 'llama-guard3:1b' } })).toThrow(ConfigError);
  });

  it('refuses two shields with the same id', async () => {
    const router = new ShieldRouter([new CodeScannerShield(), new CodeScannerShield()]);
    await expect(router.listShields()).rejects.toBeInstanceOf(ConfigError);
  });
});
