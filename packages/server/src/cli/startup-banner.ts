import type { Model, Shield } from '@llama-stack-ts/api-types';
import type { RunningServer } from '../server/start-server.js';

export interface BannerFacts {
  url: string;
  version: string;
  models: Model[] | Error;
  shields: Shield[];
  tools: string[];
  store: string;
  disabled: Array<{ component: string; reason: string }>;
  authEnabled: boolean;
}

/** What the server serves and what it could not enable, for a person reading the terminal. */
export function startupBanner(facts: BannerFacts): string {
  const lines = [`llama-stack-ts ${facts.version} listening on ${facts.url}`];
  if (facts.models instanceof Error) {
    lines.push(`  models:  (could not list: ${facts.models.message})`);
  } else {
    lines.push(
      `  models:  ${facts.models.map((m) => m.identifier).join(', ') || '(none: pull one, e.g. ollama pull llama3.2:3b)'}`,
    );
  }
  lines.push(`  shields: ${facts.shields.map((s) => s.identifier).join(', ') || '(none)'}`);
  lines.push(`  tools:   ${facts.tools.join(', ') || '(none)'}`);
  lines.push(`  store:   ${facts.store}`);
  lines.push(
    `  auth:    ${facts.authEnabled ? 'bearer API keys required' : 'off (set server.auth.api_keys to require keys)'}`,
  );
  if (facts.disabled.length > 0) {
    lines.push('  not enabled:');
    for (const item of facts.disabled) lines.push(`    - ${item.component}: ${item.reason}`);
  }
  lines.push(`  try:     curl ${facts.url}/v1/health`);
  return lines.join('\n');
}

export async function bannerFacts(server: RunningServer, version: string): Promise<BannerFacts> {
  const signal = AbortSignal.timeout(5_000);
  const { stack, config } = server;
  const models = config.models.length
    ? config.models.map((m) => ({ identifier: m.model_id }) as Model)
    : await stack.inference.listModels({ signal }).catch((error: Error) => error);
  const shields = stack.safety ? await stack.safety.listShields({ signal }).catch(() => []) : [];
  const toolLists = await Promise.all(stack.tools.map((p) => p.listTools({ signal }).catch(() => [])));
  const groups = new Map<string, string[]>();
  for (const tool of toolLists.flat())
    groups.set(tool.toolgroup_id, [...(groups.get(tool.toolgroup_id) ?? []), tool.name]);
  return {
    url: server.url,
    version,
    models,
    shields,
    tools: [...groups].map(([group, names]) => `${group} (${names.join(', ')})`),
    store: stack.storeDescription,
    disabled: stack.disabled,
    authEnabled: config.server.auth.api_keys.length > 0,
  };
}
