import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, type Readiness } from '../../bot/server';
import { silentLogger } from '../../core/logger';

let running: HttpServer | undefined;

async function start(readiness: Readiness = async () => ({ ok: true })) {
  running = createHttpServer({ version: '9.9.9', logger: silentLogger, readiness });
  const { url } = await running.listen(0, '127.0.0.1');
  return { http: running, url };
}

afterEach(async () => {
  await running?.close(100);
  running = undefined;
});

describe('health endpoints', () => {
  it('GET /healthz answers 200 with the version', async () => {
    const { url } = await start();

    const res = await fetch(`${url}/healthz`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: '9.9.9' });
  });

  it('GET /readyz answers 200 when the database answers', async () => {
    const { url } = await start(async () => ({ ok: true }));

    const res = await fetch(`${url}/readyz`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('GET /readyz answers 503 with the reason when the database does not', async () => {
    const { url } = await start(async () => ({ ok: false, reason: 'database: connection refused' }));

    const res = await fetch(`${url}/readyz`);

    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database: connection refused' });
  });

  it('GET /readyz answers 503 when the check itself throws', async () => {
    const { url } = await start(async () => {
      throw new Error('ping timed out');
    });

    const res = await fetch(`${url}/readyz`);

    expect(res.status).toBe(503);
    expect(((await res.json()) as { reason: string }).reason).toBe('ping timed out');
  });

  it('unknown paths get 404 without a stack trace', async () => {
    const { url } = await start();

    const res = await fetch(`${url}/nope`);

    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it('tags every response with a request id', async () => {
    const { url } = await start();

    const res = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'req-42' } });

    expect(res.headers.get('x-request-id')).toBe('req-42');
  });
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, then stops accepting', async () => {
    const { http, url } = await start();
    http.server.get('/slow', async (_req, res) => {
      await new Promise((r) => setTimeout(r, 300));
      res.send(200, { done: true });
    });

    const inFlight = fetch(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const closed = http.close(5000);
    const res = await inFlight;
    await closed;

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    running = undefined;
  });
});
