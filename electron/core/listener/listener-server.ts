import type { ServerResponse, Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo, Socket } from 'node:net';
import { createListenerApp } from './create-listener-app';
import { createListenerHttpServer } from './http-server';
import { InMemoryIdempotencyStore } from './idempotency-store';
import { IdempotentCalls } from './idempotent-calls';
import {
  resolveListenerOptions,
  type ListenerDeps,
  type ListenerOptions,
  type ResolvedListenerOptions,
} from './listener-options';
import { buildOpenApiDocument } from './openapi';
import { createRateLimiters, type RateLimiters } from './rate-limits';
import { InMemoryTokenStore } from './token-store';
import { systemClock, type Clock } from '../clock';
import { silentLog, type ListenerLog } from './listener-log';

/** At most one log line a minute about failed TLS handshakes (each carries the count so far). */
const HANDSHAKE_LOG_INTERVAL_MS = 60_000;

export type ListenerAddress = { host: string; port: number; url: string };

/** Loopback unless told otherwise: the internet reaches the listener through a chosen proxy or interface. */
export const DEFAULT_LISTENER_HOST = '127.0.0.1';

type Running = {
  server: Server;
  app: Express;
  /** Replaced by `applyLimits`; the app reads it per request. */
  limiters: RateLimiters;
  inFlight: Set<ServerResponse>;
  /** Per server, so a restart during a drain cannot make the old server accept again. */
  state: { draining: boolean };
};

/** Deps of a listener built before the core wired one: no token is valid and nothing is recorded. */
function unconfigured(): ListenerDeps {
  return {
    tokens: new InMemoryTokenStore(),
    sink: () => Promise.reject(new Error('no callback sink configured')),
  };
}

/**
 * The internet-facing callback listener (listener-api.md). It is built from its own routes only
 * and receives no handle on control, inventory or settings: validated callbacks leave through
 * `deps.sink`, tokens come from `deps.tokens`.
 */
export class ListenerServer {
  private readonly deps: ListenerDeps;
  private options: ResolvedListenerOptions;
  private readonly clock: Clock;
  private readonly log: ListenerLog;
  private readonly calls: IdempotentCalls;
  private running: Running | undefined;
  private stopping: Promise<void> | undefined;

  /** Without `deps` the listener refuses every call (401) until the core supplies a token store and sink. */
  constructor(deps: ListenerDeps = unconfigured(), options: ListenerOptions = {}) {
    this.deps = deps;
    this.options = resolveListenerOptions(options);
    this.clock = deps.clock ?? systemClock;
    this.log = (deps.log ?? silentLog).child({ module: 'listener' });
    this.calls = new IdempotentCalls(
      deps.idempotency ?? new InMemoryIdempotencyStore({ now: () => this.clock.now() }),
      this.log,
    );
  }

  /** Binds and serves. `host` must be explicit: an empty host would bind every interface. */
  async start(host: string = DEFAULT_LISTENER_HOST, port = 0): Promise<ListenerAddress> {
    if (this.running) throw new Error('listener already started');
    if (host.trim() === '')
      throw new Error('listener host must not be empty (it would bind every interface)');
    if ((host === '0.0.0.0' || host === '::') && !this.options.tls) {
      this.log.warn(
        { host },
        'listener binds every interface without TLS; prefer 127.0.0.1 behind a TLS proxy',
      );
    }
    const state = { draining: false };
    const limiters = createRateLimiters(this.options.rateLimits, this.log);
    const holder: { running?: Running } = {};
    const app = createListenerApp({
      sink: this.deps.sink,
      onRefused: this.deps.onRefused,
      tokens: this.deps.tokens,
      calls: this.calls,
      limiters: () => holder.running?.limiters ?? limiters,
      clock: this.clock,
      log: this.log,
      options: this.options,
      openApi: buildOpenApiDocument(this.options.publicUrl),
      isDraining: () => state.draining,
    });
    const server = createListenerHttpServer(app, this.options.timeouts, this.options.tls);
    if (this.options.tls) this.logFailedHandshakes(server);
    const inFlight = new Set<ServerResponse>();
    server.on('request', (_req, res: ServerResponse) => {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      limiters.shutdown();
      throw error;
    }
    this.running = { server, app, limiters, inFlight, state };
    holder.running = this.running;
    const address = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const url = `${this.options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
    this.log.info({ url }, 'listener started');
    return { host, port: address.port, url };
  }

  /**
   * Applies new rate limits and proxy trust (Settings → Listener) to the running listener, without
   * dropping connections: from the next request on, counts start afresh under the new limits, as
   * after a restart. Before `start()` they are simply used by it. A proxy list Express refuses
   * throws, and the listener keeps serving under its earlier limits and trust.
   */
  applyLimits(limits: Pick<ListenerOptions, 'rateLimits' | 'trustProxy'>): void {
    const trustProxy = limits.trustProxy ?? this.options.trustProxy;
    if ((trustProxy as unknown) === true)
      throw new Error('listener trustProxy must name hops or addresses, never true');
    const running = this.running;
    if (running) {
      // Express compiles the list here and throws on what proxy-addr refuses: try it first, and
      // put the earlier value back (Express has stored the refused one by then).
      const previousTrust = running.app.get('trust proxy') as unknown;
      try {
        running.app.set('trust proxy', trustProxy);
      } catch (error) {
        running.app.set('trust proxy', previousTrust);
        throw error;
      }
    }
    this.options = {
      ...this.options,
      rateLimits: { ...this.options.rateLimits, ...limits.rateLimits },
      trustProxy,
    };
    if (!running) return;
    const previous = running.limiters;
    running.limiters = createRateLimiters(this.options.rateLimits, this.log);
    previous.shutdown();
    this.log.info(
      { rateLimits: this.options.rateLimits, trustProxy: this.options.trustProxy },
      'listener limits applied',
    );
  }

  /**
   * Failed TLS handshakes, counted and logged at most once a minute: Node drops such a connection
   * without a word, so a certificate controllers do not accept would otherwise go unnoticed.
   */
  private logFailedHandshakes(server: Server): void {
    let failed = 0;
    let loggedAt = Number.NEGATIVE_INFINITY;
    server.on('tlsClientError', (error: Error & { code?: string }, socket: Socket) => {
      failed += 1;
      const now = this.clock.now();
      if (now - loggedAt < HANDSHAKE_LOG_INTERVAL_MS) return;
      loggedAt = now;
      this.log.warn(
        { failed, code: error.code, reason: error.message, peer: socket.remoteAddress },
        'TLS handshakes with the listener fail (count since start)',
      );
    });
  }

  /**
   * Graceful stop: no new connections, new requests on open connections get 503, requests in flight
   * finish (their sink calls included), idle connections close; after `drainTimeoutMs` the rest
   * are cut. Resolves once the server is closed; a second call while draining waits for the same drain.
   */
  stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) this.stopping = this.drain(running).finally(() => (this.stopping = undefined));
    return this.stopping ?? Promise.resolve();
  }

  private async drain(running: Running): Promise<void> {
    const { server, inFlight, state } = running;
    state.draining = true;
    // Answers still being prepared close their connection instead of keeping it alive.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = this.clock.setTimeout(() => {
      this.log.warn({ inFlight: inFlight.size }, 'listener drain deadline reached; closing connections');
      server.closeAllConnections();
    }, this.options.drainTimeoutMs);
    await closed;
    this.clock.clearTimeout(deadline);
    running.limiters.shutdown();
    this.log.info('listener stopped');
  }
}
