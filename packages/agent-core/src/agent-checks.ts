import {
  type AgentConfig,
  type InferenceProvider,
  InvalidRequestError,
  ModelNotFoundError,
  type ShieldProvider,
} from '@llama-stack-ts/api-types';

/** The model must be one the inference provider serves (seed bug B28: it was only found out at the first turn). */
export async function checkModel(
  inference: InferenceProvider,
  model: string,
  signal: AbortSignal,
): Promise<void> {
  const models = await inference.listModels({ signal });
  if (models.some((m) => m.identifier === model || m.provider_resource_id === model)) return;
  const available = models.map((m) => m.identifier).join(', ') || 'none';
  throw new ModelNotFoundError(model, `Models available from ${inference.id}: ${available}.`);
}

/** Every configured shield must be registered with the safety provider. */
export async function checkShields(
  safety: ShieldProvider | undefined,
  config: AgentConfig,
  signal: AbortSignal,
): Promise<void> {
  const wanted = [
    ...config.input_shields.map((id) => ({ id, field: 'agent_config.input_shields' })),
    ...config.output_shields.map((id) => ({ id, field: 'agent_config.output_shields' })),
    ...config.tool_output_shields.map((id) => ({ id, field: 'agent_config.tool_output_shields' })),
  ];
  const first = wanted[0];
  if (!first) return;
  if (!safety) {
    throw new InvalidRequestError(
      `Shield ${first.id} is configured but the runtime has no safety provider`,
      first.field,
    );
  }
  const shields = await safety.listShields({ signal });
  const known = new Set(shields.flatMap((s) => [s.identifier, s.provider_resource_id ?? s.identifier]));
  for (const { id, field } of wanted) {
    if (!known.has(id)) {
      throw new InvalidRequestError(
        `Shield ${id} is not registered. Available shields: ${shields.map((s) => s.identifier).join(', ') || 'none'}`,
        field,
      );
    }
  }
}
