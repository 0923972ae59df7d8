import {
  InvalidRequestError,
  type TurnDocument,
  type TurnInputMessage,
  UpstreamError,
} from '@llama-stack-ts/api-types';
import { raceAbort } from './abort.js';
import { isPrivateAddress, resolveHostAddresses } from './private-address.js';

export interface DocumentFetchOptions {
  fetch?: typeof fetch;
  /** Allow URLs that resolve to loopback or private addresses (tests, trusted intranets). Default false. */
  allowPrivateNetwork?: boolean;
  /** Largest document body read, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Per-document fetch timeout. Default 30 s. */
  timeoutMs?: number;
}

const MAX_REDIRECTS = 5;

function isTextMimeType(mimeType: string): boolean {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return base.startsWith('text/') || base === 'application/yaml' || base === 'application/json';
}

/** What each document is, checked before the turn starts so a bad document is a 400. */
export function checkDocuments(documents: readonly TurnDocument[]): void {
  documents.forEach((document, index) => {
    const field = `documents[${index}]`;
    if (!isTextMimeType(document.mime_type)) {
      throw new InvalidRequestError(
        `Unexpected document mime type: ${document.mime_type}. Documents are inlined as text: use text/*, application/yaml or application/json.`,
        `${field}.mime_type`,
      );
    }
    const { content } = document;
    if (typeof content === 'string') return;
    if ('uri' in content) {
      const scheme = content.uri.split(':', 1)[0]?.toLowerCase();
      if (scheme !== 'http' && scheme !== 'https' && scheme !== 'data') {
        throw new InvalidRequestError(
          `Document URL ${content.uri} is not supported: use an http(s) or data: URL, or inline the text.`,
          `${field}.content.uri`,
        );
      }
      return;
    }
    if (!Array.isArray(content) && content.type === 'text') return;
    throw new InvalidRequestError('A document must be text, a text item or a URL', `${field}.content`);
  });
}

/** The text of each document: inline text as is, URLs fetched (private addresses refused unless allowed). */
export async function loadDocumentTexts(
  documents: readonly TurnDocument[],
  options: DocumentFetchOptions,
  call: { signal: AbortSignal },
): Promise<string[]> {
  checkDocuments(documents);
  return Promise.all(
    documents.map(async (document) => {
      const { content } = document;
      if (typeof content === 'string') return content;
      if ('uri' in content) return fetchDocumentText(content.uri, options, call);
      return Array.isArray(content) ? '' : content.type === 'text' ? content.text : '';
    }),
  );
}

function decodeDataUrl(uri: string): string {
  const comma = uri.indexOf(',');
  if (comma === -1) throw new InvalidRequestError('A data: URL needs a comma before its data', 'documents');
  const meta = uri.slice(5, comma);
  const data = uri.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
}

async function checkUrlAllowed(url: URL, options: DocumentFetchOptions, signal: AbortSignal): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidRequestError(`Document URL ${url.href} is not http(s)`, 'documents');
  }
  if (options.allowPrivateNetwork) return;
  const addresses = await raceAbort(resolveHostAddresses(url.hostname), signal).catch((error: unknown) => {
    throw new InvalidRequestError(`Cannot resolve the host of document URL ${url.href}`, 'documents', {
      cause: error,
    });
  });
  if (addresses.some(isPrivateAddress)) {
    throw new InvalidRequestError(
      `Document URL ${url.href} points to a private or loopback address; the server does not fetch those unless configured to allow private networks.`,
      'documents',
    );
  }
}

async function fetchDocumentText(
  uri: string,
  options: DocumentFetchOptions,
  call: { signal: AbortSignal },
): Promise<string> {
  if (uri.toLowerCase().startsWith('data:')) return decodeDataUrl(uri);
  const doFetch = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const signal = AbortSignal.any([call.signal, AbortSignal.timeout(options.timeoutMs ?? 30_000)]);
  let url = new URL(uri);
  for (let redirects = 0; ; redirects++) {
    await checkUrlAllowed(url, options, signal);
    let response: Response;
    try {
      response = await doFetch(url, { redirect: 'manual', signal });
    } catch (error) {
      call.signal.throwIfAborted();
      throw new UpstreamError(`Could not fetch document ${url.href}`, { cause: error });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (redirects >= MAX_REDIRECTS) throw new UpstreamError(`Too many redirects fetching document ${uri}`);
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpstreamError(`Fetching document ${url.href} answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new InvalidRequestError(`Document ${url.href} is larger than ${maxBytes} bytes`, 'documents');
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > maxBytes) {
      throw new InvalidRequestError(`Document ${url.href} is larger than ${maxBytes} bytes`, 'documents');
    }
    return new TextDecoder().decode(bytes);
  }
}

/** The last message with the documents appended as text items, as Llama Stack inlines them. */
export function withDocumentTexts(message: TurnInputMessage, texts: readonly string[]): TurnInputMessage {
  if (texts.length === 0) return message;
  const items = texts.map((text) => ({ type: 'text' as const, text }));
  const { content } = message;
  const existing =
    typeof content === 'string'
      ? [{ type: 'text' as const, text: content }]
      : Array.isArray(content)
        ? content
        : [content];
  return { ...message, content: [...existing, ...items] };
}
