import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { CallbackRecord } from '../../shared/protocol/listener';
import { ListenerServer, type ListenerAddress } from '../../electron/core/listener/listener-server';
import type { ListenerDeps, ListenerOptions } from '../../electron/core/listener/listener-options';
import type { IdempotencyStore } from '../../electron/core/listener/idempotency-store';
import { InMemoryTokenStore, tokenFromSecret } from '../../electron/core/listener/token-store';

/** Secrets of the test tokens; each at least 16 characters as the listener demands. */
export const SECRETS = {
  /** Bound to SG1-000123. */
  bound: 'bound-token-000123-secret',
  /** Bound to SG1-000999. */
  other: 'bound-token-000999-secret',
  /** Integration-wide. */
  integration: 'integration-token-secret-1',
  /** Bound to SG1-000123, revoked. */
  revoked: 'revoked-token-000123-secret',
} as const;

export const SERIAL = 'SG1-000123';

export function testTokens(): InMemoryTokenStore {
  const now = new Date('2026-01-01T00:00:00Z');
  const store = new InMemoryTokenStore([
    tokenFromSecret(SECRETS.bound, { label: 'controller 123', serial: SERIAL }, now, 'tok-bound'),
    tokenFromSecret(SECRETS.other, { label: 'controller 999', serial: 'SG1-000999' }, now, 'tok-other'),
    tokenFromSecret(SECRETS.integration, { label: 'fleet', serial: null }, now, 'tok-integration'),
    tokenFromSecret(SECRETS.revoked, { label: 'old', serial: SERIAL }, now, 'tok-revoked'),
  ]);
  store.revoke('tok-revoked', now);
  return store;
}

/** A promise with its resolve and reject exposed. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A sink that records every call; `behaviour` decides how each call settles (default: at once). */
export class TestSink {
  readonly records: CallbackRecord[] = [];
  behaviour: (record: CallbackRecord) => Promise<void> = () => Promise.resolve();
  readonly sink = (record: CallbackRecord): Promise<void> => {
    this.records.push(record);
    return this.behaviour(record);
  };
  get calls(): number {
    return this.records.length;
  }
}

export type Answer = {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | undefined;
};

export type Harness = {
  url: string;
  address: ListenerAddress;
  server: ListenerServer;
  tokens: InMemoryTokenStore;
  sink: TestSink;
  /** POSTs JSON (an object is serialised, a string sent as is) with a bearer secret. */
  post(
    path: string,
    body: unknown,
    init?: { secret?: string | null; headers?: Record<string, string> },
  ): Promise<Answer>;
  stop(): Promise<void>;
};

export async function toAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Starts a listener on 127.0.0.1:0 with the test tokens and a recording sink. */
export async function startListener(
  setup: {
    options?: ListenerOptions;
    idempotency?: IdempotencyStore;
    sink?: TestSink;
    onRefused?: ListenerDeps['onRefused'];
  } = {},
): Promise<Harness> {
  const tokens = testTokens();
  const sink = setup.sink ?? new TestSink();
  const server = new ListenerServer(
    {
      sink: sink.sink,
      tokens,
      ...(setup.idempotency ? { idempotency: setup.idempotency } : {}),
      ...(setup.onRefused ? { onRefused: setup.onRefused } : {}),
    },
    setup.options,
  );
  const address = await server.start('127.0.0.1', 0);
  const post: Harness['post'] = async (path, body, init = {}) => {
    const secret = init.secret === undefined ? SECRETS.bound : init.secret;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    if (secret !== null) headers['authorization'] = `Bearer ${secret}`;
    const res = await fetch(`${address.url}${path}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return toAnswer(res);
  };
  return { url: address.url, address, server, tokens, sink, post, stop: () => server.stop() };
}

/** A raw node:http request (any method, any path, optional source address); never throws on status. */
export function rawRequest(
  url: string,
  init: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
  },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method: init.method,
        path: init.path,
        headers: init.headers,
        localAddress: init.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Asserts the shape every error answer must have: a problem document with title and detail. */
export function isProblem(
  contentType: string | null | undefined,
  body: Record<string, unknown> | undefined,
): boolean {
  return (
    /^application\/problem\+json/.test(contentType ?? '') &&
    typeof body?.['title'] === 'string' &&
    typeof body['detail'] === 'string' &&
    typeof body['status'] === 'number' &&
    !('stack' in body)
  );
}

/** Writes raw bytes to the listener and collects everything it sends back until it closes. */
export function rawExchange(
  url: string,
  payload: string | Uint8Array,
  timeoutMs = 5000,
  end = false,
): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got ${Buffer.concat(chunks).toString()}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // `end` half-closes after the payload, so an incomplete request fails at once instead of at headersTimeout.
    if (end) socket.end(payload);
    else socket.write(payload);
  });
}

/** Splits a raw HTTP/1.1 answer into its status and its body parsed as JSON. */
export function parseRawAnswer(text: string): {
  status: number;
  contentType: string;
  body: Record<string, unknown> | undefined;
} {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const contentType = /^content-type: *(.*)$/im.exec(head)?.[1] ?? '';
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status, contentType, body: json };
}
