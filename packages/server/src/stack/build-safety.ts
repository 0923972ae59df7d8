import type { InferenceProvider, ShieldProvider } from '@llama-stack-ts/api-types';
import { createSafetyProvider } from '@llama-stack-ts/safety-llamaguard';
import type { RunConfig } from '../config/run-config.js';
import type { DisabledComponent } from './stack.js';

/**
 * Llama Guard when the config turns it on, or (`auto`) when its model is in Ollama, and the code scanner unless
 * disabled. An explicit `true` with the guard model missing still enables it: the first check then fails with
 * the provider's `ollama pull` hint.
 */
export async function buildSafety(
  config: RunConfig,
  inference: InferenceProvider,
  disabled: DisabledComponent[],
  options: { signal?: AbortSignal } = {},
): Promise<ShieldProvider | undefined> {
  const guard = config.providers.safety.llama_guard;
  let present = false;
  if (guard.enabled === false) {
    disabled.push({
      component: 'shield llama-guard',
      reason: 'disabled in the config (providers.safety.llama_guard.enabled: false)',
    });
  } else {
    present = guard.enabled === true;
    if (guard.enabled === 'auto') {
      try {
        const models = await inference.listModels(options.signal ? { signal: options.signal } : {});
        present = models.some((m) => m.identifier === guard.model || m.provider_resource_id === guard.model);
        if (!present) {
          disabled.push({
            component: 'shield llama-guard',
            reason: `model ${guard.model} is not in Ollama (run: ollama pull ${guard.model})`,
          });
        }
      } catch (error) {
        disabled.push({
          component: 'shield llama-guard',
          reason: `could not list Ollama's models to look for ${guard.model}: ${(error as Error).message}`,
        });
      }
    }
  }
  const codeScanner = config.providers.safety.code_scanner.enabled;
  if (!codeScanner) {
    disabled.push({
      component: 'shield code-scanner',
      reason: 'disabled in the config (providers.safety.code_scanner.enabled: false)',
    });
  }
  if (!present && !codeScanner) return undefined;
  return createSafetyProvider({
    inference,
    llamaGuard: present ? { model: guard.model, excludedCategories: guard.excluded_categories } : false,
    codeScanner,
  });
}
