import { BuiltinToolsConfig } from '@llama-stack-ts/tools-builtin';
import { z } from 'zod';
import { coerceToSchema } from './coerce-to-schema.js';

/** YAML and env substitution give strings; accept "true"/"false" where a boolean is meant. */
const flag = z.preprocess((value) => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}, z.boolean());

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().min(1);

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  k: 1024,
  mb: 1024 ** 2,
  m: 1024 ** 2,
  gb: 1024 ** 3,
};

/** A byte count: a number, or a string such as `10mb` or `512kb`. */
const byteSize = z.union([
  z.number().int().min(1),
  z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*(b|k|kb|m|mb|gb)?\s*$/i, 'expected a size such as 1048576, "512kb" or "10mb"')
    .transform((text) => {
      const match = text.trim().match(/^(\d+(?:\.\d+)?)\s*([a-z]*)$/i)!;
      return Math.floor(Number(match[1]) * (SIZE_UNITS[(match[2] || 'b').toLowerCase()] ?? 1));
    }),
]);

function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.replace(/_([a-z0-9])/g, (_m, char: string) => char.toUpperCase()),
      camelCaseKeys(item),
    ]),
  );
}

export const ServerSection = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(8321),
    auth: z
      .object({
        /** Bearer tokens accepted in `Authorization: Bearer <key>`. Empty or absent: no auth. */
        api_keys: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ api_keys: [] }),
    cors: z
      .object({ allow_origins: z.array(z.string().min(1)).default([]) })
      .strict()
      .default({ allow_origins: [] }),
    body_limit: byteSize.default(10 * 1024 * 1024),
    keepalive_interval_ms: positiveInt.default(15_000),
    shutdown_timeout_ms: z.coerce.number().int().min(0).default(10_000),
    /**
     * How long a running turn holds its session before another replica may take it over (renewed every third
     * of it while the turn runs): a replica that dies mid-turn frees its sessions after this long.
     */
    turn_lease_ttl_ms: z.coerce.number().int().min(100).default(30_000),
    /** How clients reach this server (e.g. behind a proxy); prefixes the file URLs tools hand out. */
    public_url: z.string().url().optional(),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

export const ModelEntry = z
  .object({
    model_id: z.string().min(1),
    /** The Ollama tag, when model_id is an alias (for example a Llama SKU). */
    provider_model_id: z.string().min(1).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const InferenceSection = z
  .object({
    provider: z.literal('ollama').default('ollama'),
    /** Defaults to $OLLAMA_URL, then http://127.0.0.1:11434. */
    url: z.string().url().optional(),
    num_ctx: positiveInt.optional(),
  })
  .strict();

export const SafetySection = z
  .object({
    llama_guard: z
      .object({
        /** `auto`: on when the model exists in Ollama. */
        enabled: z.union([z.literal('auto'), flag]).default('auto'),
        model: z.string().min(1).default('llama-guard3:1b'),
        excluded_categories: z.array(z.string()).default([]),
      })
      .strict()
      .default({ enabled: 'auto', model: 'llama-guard3:1b', excluded_categories: [] }),
    code_scanner: z
      .object({ enabled: flag.default(true) })
      .strict()
      .default({ enabled: true }),
  })
  .strict();

export const StorageSection = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memory') }).strict(),
  z
    .object({
      type: z.literal('sqlite'),
      /** Defaults to <data dir>/llama-stack-ts.db. */
      path: z.string().min(1).optional(),
    })
    .strict(),
  z.object({ type: z.literal('postgres'), url: z.string().min(1) }).strict(),
]);
export type StorageSection = z.infer<typeof StorageSection>;

export const OpenAiCompatSection = z
  .object({
    /** Shields run on the request messages of /v1/openai/v1/chat/completions and /v1/chat/completions. */
    input_shields: z.array(z.string().min(1)).default([]),
    /** Shields run on the answer before it is released (a streamed answer is held until they pass). */
    output_shields: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const DocumentsSection = z
  .object({
    /** Fetch document URLs that resolve to loopback or private addresses (trusted intranets only). */
    allow_private_network: flag.default(false),
    max_bytes: positiveInt.default(10 * 1024 * 1024),
    timeout_ms: positiveInt.default(30_000),
  })
  .strict();

export const RunConfig = z
  .object({
    version: z.union([z.literal(1), z.literal('1')]).default(1),
    /** Holds the SQLite file and stored files. Overridden by --data-dir and LLAMA_STACK_TS_DATA_DIR. */
    data_dir: z.string().min(1).optional(),
    server: ServerSection.default(ServerSection.parse({})),
    /** Models to serve. Empty: every model the inference provider lists. */
    models: z.array(ModelEntry).default([]),
    providers: z
      .object({
        inference: InferenceSection.default({ provider: 'ollama' }),
        safety: SafetySection.default(SafetySection.parse({})),
        /**
         * Builtin tools: code_interpreter, web_search, wolfram_alpha, photogen (tools-builtin's config, keys in
         * snake_case as the rest of run.yaml; camelCase is accepted too). Numbers and booleans written as
         * `${env.NAME}` strings are converted where tools-builtin's schema wants them.
         */
        tools: z
          .preprocess((value) => coerceToSchema(BuiltinToolsConfig, camelCaseKeys(value)), BuiltinToolsConfig)
          .default({}),
        storage: StorageSection.default({ type: 'sqlite' }),
      })
      .strict()
      .default({
        inference: { provider: 'ollama' },
        safety: SafetySection.parse({}),
        tools: {},
        storage: { type: 'sqlite' },
      }),
    openai_compat: OpenAiCompatSection.default({ input_shields: [], output_shields: [] }),
    /** Documents given with a turn by URL. */
    documents: DocumentsSection.default(DocumentsSection.parse({})),
  })
  .strict();

export type RunConfig = z.infer<typeof RunConfig>;
export type RunConfigInput = z.input<typeof RunConfig>;
