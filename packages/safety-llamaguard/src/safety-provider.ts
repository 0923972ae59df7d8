import {
  type CallOptions,
  ConfigError,
  type InferenceProvider,
  NotFoundError,
  type RunShieldRequest,
  type RunShieldResponse,
  type Shield,
  type ShieldProvider,
} from '@llama-stack-ts/api-types';
import { CodeScannerShield, type CodeScannerShieldOptions } from './code-scanner/code-scanner-shield.js';
import { LlamaGuardShield, type LlamaGuardShieldOptions } from './llama-guard/llama-guard-shield.js';

/**
 * Several shield providers behind one: lists every shield, and routes `runShield` to the provider that lists the
 * requested `shield_id` (an unknown id is a NotFoundError). Shield lists are read once.
 */
export class ShieldRouter implements ShieldProvider {
  private routes: Promise<Map<string, { shield: Shield; provider: ShieldProvider }>> | undefined;

  constructor(
    private readonly providers: readonly ShieldProvider[],
    readonly id = 'safety',
  ) {}

  async listShields(options: CallOptions = {}): Promise<Shield[]> {
    return [...(await this.routeTable(options)).values()].map((route) => route.shield);
  }

  async runShield(request: RunShieldRequest, options: CallOptions = {}): Promise<RunShieldResponse> {
    const route = (await this.routeTable(options)).get(request.shield_id);
    if (!route) throw new NotFoundError('Shield', request.shield_id);
    return route.provider.runShield(request, options);
  }

  private routeTable(options: CallOptions) {
    this.routes ??= this.buildRoutes(options);
    this.routes.catch(() => {
      this.routes = undefined;
    });
    return this.routes;
  }

  private async buildRoutes(options: CallOptions) {
    const routes = new Map<string, { shield: Shield; provider: ShieldProvider }>();
    for (const provider of this.providers) {
      for (const shield of await provider.listShields(options)) {
        if (routes.has(shield.identifier)) {
          throw new ConfigError(
            `Two shield providers register the shield id ${shield.identifier}; give one another shieldId`,
          );
        }
        routes.set(shield.identifier, { shield, provider });
      }
    }
    return routes;
  }
}

export interface SafetyProviderOptions {
  /** Runs Llama Guard; required unless `llamaGuard: false`. */
  inference?: InferenceProvider;
  /** Llama Guard shield `llama-guard` (default on when `inference` is given). */
  llamaGuard?: false | Omit<LlamaGuardShieldOptions, 'inference'>;
  /** Code scanner shield `code-scanner` (default on). */
  codeScanner?: boolean | CodeScannerShieldOptions;
}

/**
 * The safety API of a stack: shields `llama-guard` and `code-scanner`, ready for `GET /v1/shields` and
 * `POST /v1/safety/run-shield`.
 */
export function createSafetyProvider(options: SafetyProviderOptions = {}): ShieldRouter {
  const shields: ShieldProvider[] = [];
  if (options.llamaGuard !== false && (options.inference || options.llamaGuard)) {
    if (!options.inference) {
      throw new ConfigError(
        'The llama-guard shield needs an inference provider: pass `inference`, or `llamaGuard: false`',
      );
    }
    shields.push(new LlamaGuardShield({ ...options.llamaGuard, inference: options.inference }));
  }
  if (options.codeScanner !== false) {
    shields.push(new CodeScannerShield(options.codeScanner === true ? {} : options.codeScanner));
  }
  return new ShieldRouter(shields);
}
