import { type DestinationStream, type Logger, type LevelWithSilent, pino } from 'pino';

/** Keys whose values never reach a log line. */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'api_key',
  'api_keys',
  'apiKey',
  '*.authorization',
  '*.api_key',
  '*.api_keys',
  '*.apiKey',
  '*.*.api_key',
  '*.*.api_keys',
  '*.*.apiKey',
  '*.*.*.api_key',
  '*.*.*.apiKey',
  'config.server.auth',
  'config.providers.tools',
  // X-LlamaStack-Provider-Data carries per-request tool keys, and becomes provider_data / providerData.
  'headers["x-llamastack-provider-data"]',
  'req.headers["x-llamastack-provider-data"]',
  '*.headers["x-llamastack-provider-data"]',
  'provider_data',
  'providerData',
  '*.provider_data',
  '*.providerData',
  '*.*.provider_data',
  '*.*.providerData',
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where JSON lines go (default stdout). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'llama-stack-ts',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}

/** The pino logger as the api-types Logger that provider packages take. */
export function providerLogger(logger: Logger) {
  return {
    debug: (message: string, fields?: Record<string, unknown>) => logger.debug(fields ?? {}, message),
    info: (message: string, fields?: Record<string, unknown>) => logger.info(fields ?? {}, message),
    warn: (message: string, fields?: Record<string, unknown>) => logger.warn(fields ?? {}, message),
    error: (message: string, fields?: Record<string, unknown>) => logger.error(fields ?? {}, message),
  };
}
