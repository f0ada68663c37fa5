import type { Sleep } from './rate-limiter';
import { RETRYABLE, parseRetryAfter, retryDelay, type RetryPolicy } from './retry-policy';
import type { ApiVersion, GraphTransport, SubResponse } from './graph-transport';
import { mapPool } from './map-pool';
import type { Clock } from '../clock';

/** Graph's limit on requests per `$batch`. */
export const BATCH_LIMIT = 20;

export interface BatchDeps {
  transport: GraphTransport;
  retry: RetryPolicy;
  sleep: Sleep;
  clock: Clock;
  concurrency: number;
  signal?: AbortSignal;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

/**
 * GETs `urls` through `$batch`, 20 at a time. Sub-requests that answer 429/5xx are re-sent (only those,
 * in a new batch) after the longest Retry-After among them, up to the retry cap: the SDK does not retry
 * inside a batch. Returns the final sub-response per input index.
 */
export async function batchGet(
  version: ApiVersion,
  urls: readonly string[],
  deps: BatchDeps,
): Promise<SubResponse[]> {
  const results = new Array<SubResponse>(urls.length);
  const chunks: number[][] = [];
  for (let i = 0; i < urls.length; i += BATCH_LIMIT) {
    chunks.push(urls.slice(i, i + BATCH_LIMIT).map((_, j) => i + j));
  }
  await mapPool(chunks, deps.concurrency, async (chunk) => {
    let pending = chunk;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      deps.signal?.throwIfAborted();
      const answers = await deps.transport.batch(
        version,
        pending.map((index) => ({ id: String(index), url: urls[index] as string })),
      );
      const byId = new Map(answers.map((a) => [String(a.id), a]));
      const retry: number[] = [];
      let wait = 0;
      for (const index of pending) {
        const answer = byId.get(String(index)) ?? {
          id: String(index),
          status: 0,
          headers: {},
          body: undefined,
        };
        results[index] = answer;
        if (answer.status === 0 || RETRYABLE.has(answer.status)) {
          retry.push(index);
          const after = parseRetryAfter(header(answer.headers, 'retry-after'), deps.clock.now());
          wait = Math.max(wait, retryDelay(deps.retry, attempt, after));
        }
      }
      if (retry.length === 0 || attempt >= deps.retry.maxRetries) return;
      await deps.sleep(wait, deps.signal);
      pending = retry;
    }
  });
  return results;
}
