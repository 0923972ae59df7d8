import {
  type CallOptions,
  NotFoundError,
  type RunShieldRequest,
  type RunShieldResponse,
  type Shield,
  type ShieldProvider,
} from '@llama-stack-ts/api-types';

/** Several shield providers behind one ShieldProvider, each request routed by its shield id. */
export class CombinedShields implements ShieldProvider {
  readonly id = 'shields';

  constructor(readonly providers: readonly ShieldProvider[]) {}

  async listShields(options?: CallOptions): Promise<Shield[]> {
    const lists = await Promise.all(this.providers.map((provider) => provider.listShields(options)));
    return lists.flat();
  }

  async runShield(request: RunShieldRequest, options?: CallOptions): Promise<RunShieldResponse> {
    for (const provider of this.providers) {
      const shields = await provider.listShields(options);
      if (shields.some((shield) => shield.identifier === request.shield_id)) {
        return provider.runShield(request, options);
      }
    }
    throw new NotFoundError('Shield', request.shield_id);
  }
}
