import { ConfigError } from '@llama-stack-ts/api-types';

const ENV_REFERENCE = /\$\{env\.([A-Za-z_][A-Za-z0-9_]*)(?:(:=|:\+)([^}]*))?\}/g;

/**
 * Replaces `${env.NAME}`, `${env.NAME:=default}` and `${env.NAME:+value}` (value only when NAME is set) in
 * every string of a parsed YAML tree, as Llama Stack's run.yaml does. A string that is exactly one
 * reference to an unset variable with no default becomes `undefined`, so optional keys stay optional;
 * inside a longer string an unset variable is an error naming the key.
 */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path: string[] = []): unknown {
  if (typeof value === 'string') return substituteString(value, env, path);
  if (Array.isArray(value)) {
    return value.map((item, index) => substituteEnv(item, env, [...path, String(index)]));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const substituted = substituteEnv(item, env, [...path, key]);
      if (substituted !== undefined) out[key] = substituted;
    }
    return out;
  }
  return value;
}

function substituteString(text: string, env: NodeJS.ProcessEnv, path: string[]): string | undefined {
  const whole = text.match(/^\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}$/);
  if (whole) {
    const set = env[whole[1]!];
    return set === undefined || set === '' ? undefined : set;
  }
  return text.replace(ENV_REFERENCE, (_match, name: string, operator?: string, operand?: string) => {
    const set = env[name];
    const present = set !== undefined && set !== '';
    if (operator === ':=') return present ? set : (operand ?? '');
    if (operator === ':+') return present ? (operand ?? '') : '';
    if (!present) {
      throw new ConfigError(
        `${path.join('.') || 'value'}: environment variable ${name} is not set (write \${env.${name}:=default} to give a default)`,
      );
    }
    return set;
  });
}
