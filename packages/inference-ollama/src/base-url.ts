const DEFAULT_PORT = '11434';

/**
 * An Ollama address as users write it (`http://localhost:11434`, `localhost:11434`, `0.0.0.0`, the value of
 * `OLLAMA_HOST`) as a base URL without a trailing slash. Without a scheme, the port defaults to 11434; the
 * bind-all address 0.0.0.0 is reached through localhost.
 */
export function normaliseBaseUrl(address: string): string {
  const trimmed = address.trim();
  const explicit = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  const url = new URL(explicit ? trimmed : `http://${trimmed}`);
  if (!explicit && url.port === '') url.port = DEFAULT_PORT;
  if (url.hostname === '0.0.0.0') url.hostname = 'localhost';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return url.toString().replace(/\/+$/, '');
}

/** `OLLAMA_HOST` when set (as the Ollama CLI reads it), else http://localhost:11434. */
export function defaultBaseUrl(): string {
  return normaliseBaseUrl(process.env.OLLAMA_HOST || `http://localhost:${DEFAULT_PORT}`);
}
