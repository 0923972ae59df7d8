/** An AbortController that follows the client's request signal until released. */
export function linkedAbort(clientSignal: AbortSignal): { abort: AbortController; release: () => void } {
  const abort = new AbortController();
  const onAbort = () => abort.abort(new Error('client disconnected'));
  if (clientSignal.aborted) onAbort();
  else clientSignal.addEventListener('abort', onAbort, { once: true });
  return { abort, release: () => clientSignal.removeEventListener('abort', onAbort) };
}
