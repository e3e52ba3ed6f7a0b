/**
 * Entry of the listener thread: the internet-facing HTTP server (listener-server.ts) in a worker
 * thread of its own. HTTP parsing, authentication, rate limits and body validation (most of a
 * callback's cost) run here, so a burst of callbacks cannot starve the main thread, which keeps
 * live control's deadlines and lease refreshes. The thread holds token digests and nothing else
 * of the core: validated callbacks leave in `callbacks` messages, and each 202 waits for the main
 * thread's `recorded` answer (the record is durable by then).
 */
import { parentPort } from 'node:worker_threads';
import type { CallbackRecord, ListenerToken } from '../../../shared/protocol/listener';
import { turnBatcher } from '../threads/turn-batcher';
import {
  type ForwardedLogLine,
  type FromListenerThread,
  type ToListenerThread,
} from './listener-thread-protocol';
import { IdempotencyKeyReused } from './idempotent-calls';
import type { ListenerLog } from './listener-log';
import { ListenerServer } from './listener-server';
import { InMemoryTokenStore } from './token-store';

const port = parentPort;
if (!port) throw new Error('listener-worker.ts runs only as a worker thread');
const post = (message: FromListenerThread) => port.postMessage(message);

/** The core's tokens as last sent (digests only); a digest missing here is asked of the core. */
let tokens = new InMemoryTokenStore();
const lookups = new Map<number, (token: ListenerToken | undefined) => void>();
let server: ListenerServer | undefined;
/** Callbacks handed to the main thread, waiting for its `recorded` answer. */
const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let lastId = 0;
const handOver = turnBatcher<{ id: number; record: CallbackRecord }>((calls) =>
  post({ type: 'callbacks', calls }),
);

function record(record: CallbackRecord): Promise<void> {
  return new Promise((resolve, reject) => {
    lastId += 1;
    waiting.set(lastId, { resolve, reject });
    handOver({ id: lastId, record });
  });
}

function findByHash(hash: string): ListenerToken | Promise<ListenerToken | undefined> | undefined {
  const known = tokens.findByHash(hash);
  if (known) return known;
  return new Promise((resolve) => {
    lastId += 1;
    lookups.set(lastId, resolve);
    post({ type: 'find-token', id: lastId, hash });
  });
}

/** pino's level numbers, so lines below the core logger's level are not even sent. */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** A logger that hands each line to the core's logger (which writes it) instead of loading pino here. */
function forwardingLog(threshold: number, bindings: Record<string, unknown>): ListenerLog {
  const at =
    (level: ForwardedLogLine['level']) =>
    (objOrMsg: unknown, msg?: string): void => {
      if ((LEVELS[level] ?? 0) < threshold) return;
      const line: ForwardedLogLine =
        typeof objOrMsg === 'string'
          ? { level, bindings, obj: {}, msg: objOrMsg }
          : { level, bindings, obj: objOrMsg, msg };
      try {
        post({ type: 'log', line });
      } catch {
        // Something in `obj` cannot cross threads (a function, a socket): a log line never fails a call.
        post({ type: 'log', line: { ...line, obj: { unsendable: String(line.obj) } } });
      }
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => forwardingLog(threshold, { ...bindings, ...more }),
  };
}

async function start(message: Extract<ToListenerThread, { type: 'start' }>): Promise<void> {
  tokens = new InMemoryTokenStore(message.tokens);
  server = new ListenerServer(
    {
      sink: record,
      onRefused: (refusal) => post({ type: 'refused', refusal }),
      tokens: { findByHash },
      // 'silent' (and any unknown level) writes nothing.
      log: forwardingLog(LEVELS[message.logLevel] ?? Number.POSITIVE_INFINITY, {}),
    },
    message.options,
  );
  try {
    post({ type: 'started', address: await server.start(message.host, message.port) });
  } catch (error) {
    server = undefined;
    post({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToListenerThread) => {
  switch (message.type) {
    case 'start':
      void start(message);
      return;
    case 'tokens':
      tokens = new InMemoryTokenStore(message.tokens);
      return;
    case 'token':
      lookups.get(message.id)?.(message.token);
      lookups.delete(message.id);
      return;
    case 'limits':
      // A refused list must not end the thread (and with it every controller's calls): the
      // listener keeps its earlier limits, and the core is told.
      try {
        server?.applyLimits(message.limits);
      } catch (error) {
        post({ type: 'limits-refused', message: error instanceof Error ? error.message : String(error) });
      }
      return;
    case 'recorded':
      for (const { id, error, keyReused } of message.answers) {
        const call = waiting.get(id);
        waiting.delete(id);
        if (error === undefined) call?.resolve();
        else call?.reject(keyReused ? new IdempotencyKeyReused() : new Error(error));
      }
      return;
    case 'stop':
      void (server?.stop() ?? Promise.resolve()).then(() => post({ type: 'stopped' }));
      return;
  }
});
