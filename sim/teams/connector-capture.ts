import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. Ids are decoded from the path. */
export interface CapturedCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: unknown;
  /** The status the capture answered with. */
  status: number;
  authorization?: string;
  at: number;
}

export interface ConnectorCapture {
  /** Base URL to use as `serviceUrl` (ends with a slash, as Teams sends it). */
  serviceUrl: string;
  calls(): CapturedCall[];
  /** The successful posts (new messages) and puts (updates). */
  posts(): CapturedCall[];
  puts(): CapturedCall[];
  /** The next `count` requests (matching `method`, when given) get `status` instead of success. */
  failNext(count: number, status: number, options?: { method?: string; retryAfterSeconds?: number }): void;
  /** Every request waits this long before its answer (a slow connector). */
  setDelay(ms: number): void;
  /** Resolves once `predicate` holds for the recorded calls (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (calls: CapturedCall[]) => boolean, timeoutMs?: number): Promise<CapturedCall[]>;
  clear(): void;
  close(): Promise<void>;
}

interface Fault {
  remaining: number;
  status: number;
  method?: string;
  retryAfterSeconds?: number;
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/;

/**
 * A stand-in for the far end of the Bot Connector (teams-platform §7.1), on loopback. Records every
 * request, answers like the connector (`{id}` for activities, `{id, activityId}` for new
 * conversations) and, on demand, with 429 or 5xx so retry paths can be tested.
 */
export async function startConnectorCapture(options: { port?: number } = {}): Promise<ConnectorCapture> {
  const recorded: CapturedCall[] = [];
  const faults: Fault[] = [];
  let delayMs = 0;
  let sequence = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = ROUTE.exec(url.pathname);
    const call: CapturedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      body: parseJson(text),
      status: 200,
      at: Date.now(),
      ...(match?.[1] ? { conversationId: decodeURIComponent(match[1]) } : {}),
      ...(match?.[2] ? { activityId: decodeURIComponent(match[2]) } : {}),
      ...(typeof req.headers.authorization === 'string' ? { authorization: req.headers.authorization } : {}),
    };
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const fault = takeFault(call.method);
    if (fault) {
      call.status = fault.status;
      recorded.push(call);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers);
      res.end(
        JSON.stringify({
          error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'injected' },
        }),
      );
      return;
    }
    const answer = answerFor(call, match);
    call.status = answer.status;
    recorded.push(call);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  function takeFault(method: string): Fault | undefined {
    const fault = faults.find((f) => f.remaining > 0 && (!f.method || f.method === method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    return fault;
  }

  function answerFor(call: CapturedCall, match: RegExpExecArray | null): { status: number; body: unknown } {
    if (!match) return { status: 404, body: { error: { code: 'NotFound', message: 'no such route' } } };
    sequence += 1;
    const newId = `act-${sequence}`;
    if (!match[1]) {
      if (call.method !== 'POST') return { status: 405, body: {} };
      return {
        status: 200,
        body: { id: `19:capture-${sequence}@thread.tacv2;messageid=${newId}`, activityId: newId },
      };
    }
    if (call.method === 'PUT') return { status: 200, body: { id: call.activityId } };
    if (call.method === 'DELETE') return { status: 200, body: {} };
    if (call.method === 'POST') return { status: 200, body: { id: newId } };
    return { status: 405, body: {} };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const ok = (method: string) =>
    recorded.filter((c) => c.method === method && c.status < 300 && c.conversationId);

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls: () => [...recorded],
    posts: () => ok('POST'),
    puts: () => ok('PUT'),
    failNext(count, status, opts = {}) {
      faults.push({ remaining: count, status, ...opts });
    },
    setDelay(ms) {
      delayMs = ms;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(recorded)) {
        if (Date.now() > deadline)
          throw new Error(`connector capture: condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return [...recorded];
    },
    clear() {
      recorded.length = 0;
      faults.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
