import restify from 'restify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { silentLogger, type Logger } from '../core/logger';

// restify keeps its own req.log (bunyan-shaped); ours sits beside it.
const requestLoggers = new WeakMap<restify.Request, Logger>();

/** The child logger of one request (request id, method, path), or the root logger before routing. */
export function requestLogger(req: restify.Request): Logger {
  return requestLoggers.get(req) ?? silentLogger;
}

export type Readiness = () => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface HttpServerOptions {
  version: string;
  logger: Logger;
  /** Answers /readyz: the database ping and whatever else must be up. */
  readiness: Readiness;
  /** Largest accepted request body; larger bodies get 413. */
  maxBodyBytes?: number;
}

export interface HttpServer {
  server: restify.Server;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes every socket. */
  close(graceMs?: number): Promise<void>;
}

/** The restify server with health endpoints; bot routes are added by the caller. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const log = options.logger;
  const server = restify.createServer({ name: 'driftwatch', handleUncaughtExceptions: false });
  const sockets = new Map<Socket, { busy: number }>();
  let closing = false;

  server.server.on('connection', (socket: Socket) => {
    sockets.set(socket, { busy: 0 });
    socket.on('close', () => sockets.delete(socket));
  });
  server.pre((req, res, next) => {
    const state = sockets.get(req.socket);
    if (state) {
      state.busy += 1;
      res.once('finish', () => {
        state.busy -= 1;
        if (closing && state.busy === 0) req.socket.destroySoon();
      });
    }
    if (closing) res.setHeader('connection', 'close');
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    requestLoggers.set(req, log.child({ requestId, method: req.method, path: req.path() }));
    res.setHeader('x-request-id', requestId);
    return next();
  });
  server.use(restify.plugins.queryParser());
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: options.maxBodyBytes ?? 1_048_576,
      mapParams: false,
      rejectUnknown: true,
    }),
  );

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', version: options.version });
    return next();
  });
  server.get('/readyz', async (req, res) => {
    try {
      const result = closing ? { ok: false as const, reason: 'shutting down' } : await options.readiness();
      if (result.ok) res.send(200, { status: 'ready' });
      else res.send(503, { status: 'unavailable', reason: result.reason });
    } catch (err) {
      requestLogger(req).warn({ err }, 'Readiness check failed');
      res.send(503, { status: 'unavailable', reason: err instanceof Error ? err.message : String(err) });
    }
  });
  server.on('restifyError', (req, res, err, callback) => {
    // Never leak stack traces: answer with the status and a short message only.
    err.toJSON = () => ({
      code: err.code ?? err.name,
      message: err.statusCode && err.statusCode < 500 ? err.message : 'Internal error',
    });
    if (!err.statusCode || err.statusCode >= 500) requestLogger(req).error({ err }, 'Request failed');
    return callback();
  });

  return {
    server,
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          const address = server.address();
          const shownHost = host === '0.0.0.0' ? 'localhost' : host;
          resolve({ port: address.port, url: `http://${shownHost}:${address.port}` });
        });
      });
    },
    close(graceMs = 8000) {
      closing = true;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn({ open: sockets.size }, 'Grace period over: closing remaining connections');
          for (const socket of sockets.keys()) socket.destroy();
        }, graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Idle keep-alive sockets would hold close() open: end them now; busy ones end after their response.
        for (const [socket, state] of sockets) if (state.busy === 0) socket.destroySoon();
      });
    },
  };
}
