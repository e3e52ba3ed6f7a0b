import { z } from 'zod';
import { events, fail, isEventName, methods, resultSchema } from '../../../shared/contract';
import type { ErrorCode, EventName, MethodName, Result, Transport } from '../../../shared/contract';
import type { ClientFrame } from '../../../shared/contract/wire';
import { createConnectionSource, type ConnectionMonitor } from './connection';
import { createHostWatch } from './host-watch';
import { LINK_FROM_EARLIER_RUN, socketTokenCheck, type TokenCheck } from './token-check';

/** The part of the browser WebSocket the transport uses, so tests can inject a fake class. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

export interface WsTransportOptions {
  url: string;
  /** Defaults to the browser's WebSocket. */
  WebSocket?: SocketConstructor;
  /**
   * How long the host may stay silent while calls wait before it is probed; when the probe goes
   * unanswered as long again, the waiting calls resolve as `unavailable` and the link is reset. A
   * call the host is still working on (it answers the probe) waits as long as that work takes.
   */
  hostSilenceMs?: number;
  /** Delay before reconnect attempt `attempt` (1-based). */
  backoffMs?: (attempt: number) => number;
  /** Where dropped frames and failing listeners are reported; defaults to the browser's reportError. */
  onProblem?: (error: unknown) => void;
  /** Asks the host whether it accepts this page's token; defaults to its token-check socket. */
  tokenCheck?: TokenCheck;
}

export interface WsTransport extends Transport {
  readonly connection: ConnectionMonitor;
  /** Stops reconnecting and fails whatever is still waiting. */
  close(): void;
}

const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number(), result: z.unknown() }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

/** The close code of a message larger than the host reads (RFC 6455 "message too big"). */
const MESSAGE_TOO_BIG = 1009;

/** 0.5 s, 1 s, 2 s … capped at 15 s: quick after a blip, gentle while the host is down. */
export const defaultBackoff = (attempt: number): number => Math.min(500 * 2 ** (attempt - 1), 15_000);

/** How often a page whose token the host refused tries again: only the new link will do. */
export const REFUSED_RETRY_MS = 60_000;

type Pending = {
  method: MethodName;
  resolve: (result: Result<unknown>) => void;
};

/**
 * The contract over a WebSocket (the headless host). Calls are matched to answers by id; answers
 * and events are checked against the contract, so a host from another version shows up as an
 * error rather than as a half-rendered page.
 */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as SocketConstructor);
  const silenceMs = options.hostSilenceMs ?? 15_000;
  const backoff = options.backoffMs ?? defaultBackoff;
  const report = options.onProblem ?? defaultReport;
  const tokenCheck = options.tokenCheck ?? socketTokenCheck(options.url, Socket);
  const connection = createConnectionSource({ kind: 'connecting', session: 0 });
  const pending = new Map<number, Pending>();
  // Calls made before the first open wait for it (boot starts before the socket is up); after
  // that, a call while disconnected fails at once so a click never hangs on a dead link.
  const waiting: ClientFrame[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: SocketLike | undefined;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let checksAsked = 0;

  const unavailable = (message: string) => fail('unavailable', message) as Result<unknown>;
  const watch = createHostWatch({ silenceMs, probe, onUnresponsive: hostUnresponsive });

  function connect(): void {
    let ws: SocketLike;
    try {
      ws = new Socket(options.url);
    } catch {
      return scheduleRetry();
    }
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      connection.set({ kind: 'open', session: connection.get().session + 1 });
      for (const frame of waiting.splice(0)) send(frame);
    };
    ws.onmessage = (event) => receive(event.data);
    ws.onerror = () => undefined; // a close always follows; that is where it is handled
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      if (!opened) return handshakeFailed();
      failAll(closedMessage((event as { code?: unknown } | undefined)?.code));
      if (!stopped) scheduleRetry();
    };
  }

  /**
   * The host is down, or up and refusing this page's token (restarted, with a new one): a browser
   * reports both alike, so the host is asked which. Calls held for the first connection wait for
   * the answer, so that the boot screen can say which.
   */
  function handshakeFailed(): void {
    // Already refused: the page stays so unless the check now says otherwise.
    if (connection.get().kind !== 'refused') scheduleRetry();
    const asked = ++checksAsked;
    void tokenCheck().then((verdict) => {
      // A newer attempt is under way or done: its own outcome decides.
      if (stopped || asked !== checksAsked || socket) return;
      if (verdict === 'refused') return refuse();
      if (connection.get().kind === 'refused') scheduleRetry();
      failAll(closedMessage(undefined));
    });
  }

  function refuse(): void {
    clearTimeout(retryTimer);
    attempt = 0;
    const retryAt = Date.now() + REFUSED_RETRY_MS;
    connection.set({ kind: 'refused', session: connection.get().session, retryAt });
    retryTimer = setTimeout(connect, REFUSED_RETRY_MS);
    failAll(LINK_FROM_EARLIER_RUN, 'forbidden');
  }

  function closedMessage(code: unknown): string {
    if (code === MESSAGE_TOO_BIG)
      return 'The Fleetdesk host refused a request larger than it accepts and closed the connection; that request was not carried out.';
    return connection.get().session === 0
      ? 'Could not connect to the Fleetdesk host. If it was restarted, open the new link it printed.'
      : 'The connection to the Fleetdesk host was lost before it answered.';
  }

  /** A call whose answer nobody waits for: any answer shows the host is alive and serving calls. */
  function probe(): boolean {
    if (connection.get().kind !== 'open' || !socket) return false;
    send({ type: 'call', id: nextId++, method: 'app.info' });
    return true;
  }

  function hostUnresponsive(): void {
    const ws = socket;
    if (connection.get().kind !== 'open' || !ws) {
      return failAll(() => `Could not reach the Fleetdesk host within ${silenceMs / 1000} s.`);
    }
    // Treated as a lost link: the page shows it is reconnecting and fetches again once back.
    socket = undefined;
    ws.close();
    failAll(
      (method) =>
        `The Fleetdesk host stopped answering (nothing for ${(2 * silenceMs) / 1000} s), so it is not known whether ${method} was done. Reconnecting; check once connected again.`,
    );
    if (!stopped) scheduleRetry();
  }

  function scheduleRetry(): void {
    attempt += 1;
    const delay = backoff(attempt);
    connection.set({
      kind: 'reconnecting',
      session: connection.get().session,
      attempt,
      retryAt: Date.now() + delay,
    });
    retryTimer = setTimeout(connect, delay);
  }

  function settle(id: number, result: Result<unknown>): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (pending.size === 0) watch.rest();
    call.resolve(result);
  }

  function failAll(
    message: string | ((method: MethodName) => string),
    code: ErrorCode = 'unavailable',
  ): void {
    waiting.length = 0;
    for (const [id, call] of [...pending]) {
      const words = typeof message === 'string' ? message : message(call.method);
      settle(id, fail(code, words) as Result<unknown>);
    }
  }

  function send(frame: ClientFrame): void {
    try {
      socket?.send(JSON.stringify(frame));
    } catch (error) {
      settle(frame.id, fail('invalid-request', `Could not send ${frame.method}: ${String(error)}`));
    }
  }

  function receive(data: unknown): void {
    watch.heard();
    let frame;
    try {
      frame = ServerFrameSchema.parse(JSON.parse(String(data)));
    } catch {
      return report(new Error('Fleetdesk: dropped a malformed frame from the host'));
    }
    if (frame.type === 'result') {
      const call = pending.get(frame.id);
      if (call) settle(frame.id, checkResult(call.method, frame.result));
      return;
    }
    if (!isEventName(frame.event)) return;
    const parsed = events[frame.event].safeParse(frame.payload);
    if (!parsed.success) return report(new Error(`Fleetdesk: dropped an invalid ${frame.event} event`));
    for (const listener of [...(listeners.get(frame.event) ?? [])]) {
      // One failing listener must not keep the event from the others.
      try {
        listener(parsed.data);
      } catch (error) {
        report(error);
      }
    }
  }

  connect();

  return {
    connection,
    invoke(method, request) {
      const state = connection.get().kind;
      if (!stopped && state === 'refused')
        return Promise.resolve(fail('forbidden', LINK_FROM_EARLIER_RUN) as Result<unknown>);
      if (stopped || (state !== 'open' && state !== 'connecting')) {
        return Promise.resolve(
          unavailable('Not connected to the Fleetdesk host; reconnecting. Try again in a moment.'),
        );
      }
      const frame: ClientFrame = { type: 'call', id: nextId++, method, request };
      return new Promise((resolve) => {
        pending.set(frame.id, { method, resolve });
        watch.watch();
        if (state === 'open') send(frame);
        else waiting.push(frame);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      const ws = socket;
      socket = undefined;
      ws?.close();
      failAll('The connection to the Fleetdesk host was closed.');
      connection.set({ kind: 'closed', session: connection.get().session });
    },
  };
}

/** Surfaces the problem in the devtools console and to error handlers without throwing. */
function defaultReport(error: unknown): void {
  // Looked up loosely: Node (where the contract tests run this transport) has no reportError.
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
}

/** Checks an answer against the contract's response schema for the method that was called. */
function checkResult(method: MethodName, result: unknown): Result<unknown> {
  const parsed = resultSchema(methods[method].response).safeParse(result);
  if (parsed.success) return parsed.data as Result<unknown>;
  return fail('internal', `The host's answer to ${method} does not match this version of Fleetdesk.`);
}
