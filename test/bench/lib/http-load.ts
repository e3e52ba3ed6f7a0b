/**
 * A small, bounded HTTP/1.1 load generator on raw keep-alive sockets, for loopback servers only.
 *
 * Why not autocannon: the listener limits requests per client address (600/min by default), so a
 * load from one source address measures the limiter, not the ingest path. Here every connection
 * binds a source address of its own from 127.<net>.0.0/16 (Linux routes all of 127/8 to loopback)
 * and moves to a fresh one after `requestsPerAddress` requests, staying under that limit.
 *
 * Two modes: `max` keeps `connections` requests in flight back to back for the duration; `rate`
 * sends on a fixed schedule (open loop) with up to `connections` sockets, and measures each
 * latency from the scheduled send time, so a stalled server cannot hide its queueing delay.
 */
import { connect, type Socket } from 'node:net';
import { summarize, type LatencySummary } from './stats';

export type LoadRequest = { method?: string; path: string; headers?: Record<string, string>; body?: string };

export type LoadOptions = {
  host: string;
  port: number;
  mode: 'max' | 'rate';
  /** `max`: requests in flight; `rate`: most sockets open at once. */
  connections: number;
  /** Requests per second in `rate` mode. */
  rate?: number;
  /** Measured time, after the warm-up. */
  durationMs: number;
  warmupMs: number;
  /** Source addresses 127.<net>.y.z; null uses the default source (127.0.0.1). */
  addressNet: number | null;
  /** A connection moves to a fresh source address after this many requests. */
  requestsPerAddress: number;
  /** Builds the i-th request (0-based, in send order). */
  next: (i: number) => LoadRequest;
  /** A request without an answer after this long counts as a timeout and its socket is dropped. */
  timeoutMs?: number;
  /** `max` mode: stop after sending this many requests (the duration still bounds the phase). */
  maxRequests?: number;
  /** Told when the measured window opens (after the warm-up) and when it closes. */
  onWindow?: (edge: 'start' | 'end') => void;
};

export type LoadResult = {
  mode: 'max' | 'rate';
  connections: number;
  targetRps: number | null;
  measuredSeconds: number;
  /** Requests answered within the measured window (any status). */
  requests: number;
  requestsPerSecond: number;
  /** Answers with status 202 per second. */
  acceptedPerSecond: number;
  statuses: Record<string, number>;
  /** Socket errors, closes without an answer, and timeouts. */
  errors: number;
  latencyMs: LatencySummary;
  /** Total requests sent, warm-up included. */
  sent: number;
  sourceAddresses: number;
  /** CPU time of this (client) process over wall time: near 100 means the client was the limit. */
  clientCpuPercent: number;
};

const IDLE_REUSE_MS = 3_000; // below the listener's 5 s keep-alive timeout

class Connection {
  private buffer = '';
  private pending:
    { resolve(status: number): void; reject(error: Error): void; timer: NodeJS.Timeout } | undefined;
  dead = false;
  used = 0;
  idleSince = performance.now();

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static open(host: string, port: number, localAddress: string | undefined): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, ...(localAddress && { localAddress }) });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(raw: string, timeoutMs: number): Promise<number> {
    if (this.dead) return Promise.reject(new Error('connection is closed'));
    this.used += 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error('timeout')), timeoutMs);
      this.pending = { resolve, reject, timer };
      this.socket.write(raw, 'latin1');
    });
  }

  close(): void {
    this.dead = true;
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.socket.destroy();
  }

  /** Parses one response (Content-Length or chunked; the servers here send nothing else). */
  private onData(chunk: string): void {
    this.buffer += chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.slice(0, end);
    let total: number;
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length) {
      total = end + 4 + Number(length[1]);
      if (this.buffer.length < total) return;
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const body = this.buffer.slice(end + 4);
      const last = body.startsWith('0\r\n\r\n') ? 0 : body.indexOf('\r\n0\r\n\r\n');
      if (last < 0) return;
      total = end + 4 + last + (last === 0 ? 5 : 7);
    } else {
      total = end + 4;
    }
    const status = Number(head.slice(9, 12));
    this.buffer = this.buffer.slice(total);
    if (/\r\nconnection: *close/i.test(head)) this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    this.idleSince = performance.now();
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve(status);
    }
  }
}

function rawRequest(host: string, port: number, r: LoadRequest): string {
  const body = r.body ?? '';
  const headers = {
    Host: `${host}:${port}`,
    ...(body && { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }),
    ...r.headers,
  };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `${r.method ?? 'POST'} ${r.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Runs one load phase to completion; never runs longer than warm-up + duration + timeout. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  let addressCount = 0;
  const nextAddress = (): string | undefined => {
    if (o.addressNet === null) return undefined;
    const k = addressCount++;
    if (k >= 250 * 250) throw new Error('ran out of source addresses');
    return `127.${o.addressNet}.${1 + Math.floor(k / 250)}.${1 + (k % 250)}`;
  };
  const open = () => Connection.open(o.host, o.port, nextAddress());

  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let answeredInWindow = 0;
  let acceptedInWindow = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const measureFrom = started + o.warmupMs;
  const measureTo = measureFrom + o.durationMs;
  const edgesSent = new Set<'start' | 'end'>();
  const edge = (which: 'start' | 'end') => {
    if (edgesSent.has(which)) return;
    edgesSent.add(which);
    o.onWindow?.(which);
  };
  const windowTimers = [
    setTimeout(() => edge('start'), o.warmupMs),
    setTimeout(() => edge('end'), o.warmupMs + o.durationMs),
  ];

  /** Sends request #i on `conn`; records it if it was sent (or scheduled) inside the window. */
  const exchange = async (conn: Connection, scheduledAt?: number): Promise<void> => {
    const raw = rawRequest(o.host, o.port, o.next(sent));
    sent += 1;
    const t0 = performance.now();
    const from = scheduledAt ?? t0;
    let status: number;
    try {
      status = await conn.send(raw, timeoutMs);
    } catch {
      if (from >= measureFrom && from < measureTo) errors += 1;
      conn.close();
      return;
    }
    const t1 = performance.now();
    if (from < measureFrom || (scheduledAt === undefined && t1 > measureTo) || from >= measureTo) return;
    answeredInWindow += 1;
    if (status === 202) acceptedInWindow += 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    latencies.push(t1 - from);
  };

  if (o.mode === 'max') {
    const worker = async () => {
      let conn: Connection | undefined;
      while (performance.now() < measureTo && sent < (o.maxRequests ?? Infinity)) {
        if (!conn || conn.dead || conn.used >= o.requestsPerAddress) {
          conn?.close();
          try {
            conn = await open();
          } catch {
            errors += 1;
            conn = undefined;
            continue;
          }
        }
        await exchange(conn);
      }
      conn?.close();
    };
    await Promise.all(Array.from({ length: o.connections }, worker));
  } else {
    const rate = o.rate ?? 1000;
    const interval = 1000 / rate;
    const total = Math.floor(((o.warmupMs + o.durationMs) / 1000) * rate);
    const idle: Connection[] = [];
    const queue: number[] = [];
    let opened = 0;
    let scheduled = 0;
    let inFlight = 0;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));

    const acquire = async (): Promise<Connection | undefined> => {
      for (let c = idle.pop(); c; c = idle.pop()) {
        if (!c.dead && c.used < o.requestsPerAddress && performance.now() - c.idleSince < IDLE_REUSE_MS)
          return c;
        c.close();
        opened -= 1;
      }
      if (opened >= o.connections) return undefined;
      opened += 1;
      try {
        return await open();
      } catch {
        opened -= 1;
        errors += 1;
        return undefined;
      }
    };
    const dispatch = (): void => {
      while (queue.length > 0 && (idle.length > 0 || opened < o.connections)) {
        const at = queue.shift()!;
        inFlight += 1;
        void acquire().then(async (conn) => {
          if (!conn) {
            // No socket yet: it waits its turn, its latency still counting; past the deadline it is lost.
            if (performance.now() < measureTo + timeoutMs) queue.unshift(at);
            else errors += 1;
          } else {
            await exchange(conn, at);
            if (conn.dead) opened -= 1;
            else idle.push(conn);
          }
          inFlight -= 1;
          if (scheduled >= total && queue.length === 0 && inFlight === 0) finish();
          else dispatch();
        });
      }
    };
    const tick = (): void => {
      const now = performance.now();
      while (scheduled < total && started + scheduled * interval <= now) {
        queue.push(started + scheduled * interval);
        scheduled += 1;
      }
      dispatch();
      if (scheduled < total) setTimeout(tick, 1);
      else if (queue.length === 0 && inFlight === 0) finish();
    };
    tick();
    await done;
    for (const c of idle) c.close();
  }

  // In `rate` mode the last answer can arrive before the window's end timer fires; the window
  // still closes at its scheduled time, so the parent's samples always span the same interval.
  const left = measureTo - performance.now();
  if (o.mode === 'rate' && left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  windowTimers.forEach(clearTimeout);
  edge('start');
  edge('end');
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = o.durationMs / 1000;
  return {
    mode: o.mode,
    connections: o.connections,
    targetRps: o.mode === 'rate' ? (o.rate ?? 1000) : null,
    measuredSeconds: seconds,
    requests: answeredInWindow,
    requestsPerSecond: Math.round(answeredInWindow / seconds),
    acceptedPerSecond: Math.round(acceptedInWindow / seconds),
    statuses,
    errors,
    latencyMs: summarize(latencies),
    sent,
    sourceAddresses: addressCount,
    clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 100),
  };
}
