import {
  type CallOptions,
  InvalidRequestError,
  type JsonObject,
  type Message,
  type RunShieldRequest,
  type RunShieldResponse,
  type Shield,
  type ShieldProvider,
  type ViolationLevel,
} from '@llama-stack-ts/api-types';
import { checkShieldRequest, throwIfAborted } from '../shared/shield-errors.js';
import { codeSnippetsOf, type SnippetOrigin } from './code-snippets.js';
import { CODE_SCANNER_RULES } from './rules/all-rules.js';
import { type CodeFinding, scanCode } from './scan-code.js';

export const CODE_SCANNER_SHIELD_ID = 'code-scanner';
/** Llama Stack's message for a code scanner violation. */
export const CODE_SCANNER_REFUSAL = 'Sorry, I found security concerns in the code.';

export interface CodeScannerShieldOptions {
  /** Shield id it answers to. Default `code-scanner`. */
  shieldId?: string;
  /** Provider id in its Shield listing. Default `code-scanner`. */
  providerId?: string;
  /**
   * `last-message` (default): the message being judged, the way Llama Guard judges only the last message.
   * `all-messages`: every message, as Llama Stack's CodeShield provider does (code once shown in the history then
   * flags every later check).
   */
  scope?: 'last-message' | 'all-messages';
  /** Rule ids not to run. */
  disabledRules?: readonly string[];
  /** Per-rule level overrides, e.g. `{ 'python.unsafe-deserialization': 'error' }`. */
  levels?: Readonly<Record<string, ViolationLevel>>;
}

export interface LocatedCodeFinding extends CodeFinding {
  message_index: number;
  source: SnippetOrigin['type'];
  tool_name?: string;
  call_id?: string;
  block_index?: number;
}

const LEVEL_RANK: Record<ViolationLevel, number> = { info: 0, warn: 1, error: 2 };

/**
 * Flags insecure code in tool calls (the code_interpreter `code` argument) and in fenced code blocks: shell and
 * code injection, unsafe deserialisation, hard-coded secrets, weak crypto, TLS checks turned off. The violation
 * level is the highest of its findings (see each rule's level).
 */
export class CodeScannerShield implements ShieldProvider {
  readonly id: string;
  readonly shieldId: string;
  private readonly rules;
  private readonly scope: 'last-message' | 'all-messages';
  private readonly levels: Readonly<Record<string, ViolationLevel>>;

  constructor(options: CodeScannerShieldOptions = {}) {
    const known = new Set(CODE_SCANNER_RULES.map((rule) => rule.id));
    const unknown = [...(options.disabledRules ?? []), ...Object.keys(options.levels ?? {})].filter(
      (id) => !known.has(id),
    );
    if (unknown.length > 0) {
      throw new InvalidRequestError(
        `Unknown code scanner rule ${unknown.join(', ')}; known rules: ${[...known].join(', ')}`,
      );
    }
    const disabled = new Set(options.disabledRules ?? []);
    this.rules = CODE_SCANNER_RULES.filter((rule) => !disabled.has(rule.id));
    this.scope = options.scope ?? 'last-message';
    this.levels = options.levels ?? {};
    this.shieldId = options.shieldId ?? CODE_SCANNER_SHIELD_ID;
    this.id = options.providerId ?? CODE_SCANNER_SHIELD_ID;
  }

  async listShields(): Promise<Shield[]> {
    return [
      {
        identifier: this.shieldId,
        provider_id: this.id,
        provider_resource_id: CODE_SCANNER_SHIELD_ID,
        type: 'shield',
        params: { scope: this.scope, rules: this.rules.map((rule) => rule.id) },
      },
    ];
  }

  /** Every finding in the messages this shield judges. */
  scanMessages(messages: readonly Message[]): LocatedCodeFinding[] {
    const first = this.scope === 'last-message' ? messages.length - 1 : 0;
    const findings: LocatedCodeFinding[] = [];
    for (let index = Math.max(first, 0); index < messages.length; index++) {
      const message = messages[index];
      if (!message) continue;
      for (const snippet of codeSnippetsOf(message)) {
        const found = scanCode(snippet.code, {
          language: snippet.language,
          rules: this.rules,
          levels: this.levels,
        });
        findings.push(...found.map((finding) => locate(finding, index, snippet.origin)));
      }
    }
    return findings;
  }

  async runShield(request: RunShieldRequest, options: CallOptions = {}): Promise<RunShieldResponse> {
    checkShieldRequest(request, this.shieldId);
    throwIfAborted(options.signal);
    const findings = this.scanMessages(request.messages);
    if (findings.length === 0) return { violation: null };
    const level = findings.reduce<ViolationLevel>(
      (highest, finding) => (LEVEL_RANK[finding.level] > LEVEL_RANK[highest] ? finding.level : highest),
      'info',
    );
    return {
      violation: {
        violation_level: level,
        user_message: CODE_SCANNER_REFUSAL,
        metadata: {
          violation_type: [...new Set(findings.map((finding) => finding.rule_id))].join(','),
          findings: findings as unknown as JsonObject[],
        },
      },
    };
  }
}

function locate(finding: CodeFinding, messageIndex: number, origin: SnippetOrigin): LocatedCodeFinding {
  const located: LocatedCodeFinding = { ...finding, message_index: messageIndex, source: origin.type };
  if (origin.type === 'tool_call') {
    located.tool_name = origin.tool_name;
    located.call_id = origin.call_id;
  } else located.block_index = origin.index;
  return located;
}
