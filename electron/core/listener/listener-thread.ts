import { join } from 'node:path';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { CallbackRecordSchema, type ListenerToken } from '../../../shared/protocol/listener';
import { startWorkerThread } from '../threads/start-worker-thread';
import type { Logger } from '../logger';
import { RefusedCallbackSchema, type CallbackSink, type RefusedCallback } from './callback-route';
import { IdempotencyKeyReused } from './idempotent-calls';
import { resolveListenerOptions, type ListenerOptions } from './listener-options';
import type { ListenerAddress } from './listener-server';
import { turnBatcher } from '../threads/turn-batcher';
import {
  type FromListenerThread,
  type LiveListenerLimits,
  type RecordedAnswer,
  type ToListenerThread,
} from './listener-thread-protocol';

/** The listener's token digests, and word of every change (Settings creates and revokes them). */
export type TokenFeed = {
  digests(): ListenerToken[];
  findByHash(hash: string): ListenerToken | undefined;
  onChange(listener: () => void): () => void;
};

export type ListenerThreadDeps = {
  sink: CallbackSink;
  onRefused?: (refusal: RefusedCallback) => void;
  tokens: TokenFeed;
  log: Logger;
  /** Told when the thread ended while it should have been serving (callbacks are refused from then). */
  onFailure?: (reason: string) => void;
  /** Told when the thread refused new limits (it keeps serving under its earlier ones). */
  onLimitsRefused?: (reason: string) => void;
};

/** A listener thread started ahead of the `ListenerThread` that will drive it. */
export type BootedListener = { worker: Worker; failure(): string | undefined };

/**
 * Watches a thread from its start: should it fail before a `ListenerThread` takes it over, the
 * failure is kept (and `start` reports it) rather than raised as an unhandled 'error' event.
 */
export function bootedListener(worker: Worker): BootedListener {
  let failure: string | undefined;
  worker.on('error', (error) => (failure ??= `it failed: ${error.message}`));
  worker.on('exit', (code) => (failure ??= `it exited with code ${code}`));
  return { worker, failure: () => failure };
}

/**
 * The thread's young generation, capped: a call's garbage is short-lived (a few in flight per
 * connection), and V8's default young space, grown to ~48 MB under load, would sit in the app's
 * RSS beside the main thread's for nothing (sustained-feedback and ingest benchmarks).
 */
const LISTENER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Starts the listener's thread, idle until a `ListenerThread` gives it its `start`. */
export function startListenerWorker(): BootedListener {
  return bootedListener(
    startWorkerThread({
      bundle: 'listener-worker',
      source: join(import.meta.dirname, 'listener-worker.ts'),
      resourceLimits: LISTENER_LIMITS,
    }),
  );
}

/** Past the listener's own drain deadline, the thread is ended whatever it is doing. */
const STOP_MARGIN_MS = 2_000;

/**
 * The callback listener run in a worker thread of its own (listener-worker.ts), with the same
 * start / applyLimits / stop as `ListenerServer`. The thread gets the token digests and options;
 * it hands back validated callbacks, each checked again here against the same record schema before
 * the sink sees it, so the internet-facing thread can pass nothing else into the core.
 */
export class ListenerThread {
  private worker: Worker | undefined;
  private options: ListenerOptions;
  private unsubscribe: () => void = () => undefined;
  private starting:
    { resolve: (address: ListenerAddress) => void; reject: (error: Error) => void } | undefined;
  private stopped: (() => void) | undefined;
  private serving = false;
  private stopping: Promise<void> | undefined;
  private readonly answer = turnBatcher<RecordedAnswer>((answers) =>
    this.post({ type: 'recorded', answers }),
  );

  /**
   * `booted`: a thread from `startListenerWorker()`, started earlier so that its code loads while
   * the core opens its data (about 0.1 s from the bundle, 0.7 s from the sources under tsx).
   */
  constructor(
    private readonly deps: ListenerThreadDeps,
    options: ListenerOptions = {},
    private booted?: BootedListener,
  ) {
    resolveListenerOptions(options);
    this.options = options;
  }

  /** Takes over the booted thread (or starts one); returns why it already ended, if it did. */
  private boot(): string | undefined {
    if (this.worker) return undefined;
    const { worker, failure } = this.booted ?? startListenerWorker();
    this.booted = undefined;
    const early = failure();
    if (early !== undefined) return early;
    worker.on('message', (message: FromListenerThread) => this.receive(message));
    worker.on('error', (error) => this.ended(`it failed: ${error.message}`));
    worker.on('exit', (code) => this.ended(`it exited with code ${code}`));
    this.worker = worker;
    return undefined;
  }

  /** Binds and serves in the thread; resolves with the address once it listens. */
  start(host: string, port: number): Promise<ListenerAddress> {
    if (this.starting || this.serving) return Promise.reject(new Error('listener already started'));
    const early = this.boot();
    if (early !== undefined) return Promise.reject(new Error(`The listener thread stopped: ${early}`));
    return new Promise((resolve, reject) => {
      this.starting = { resolve, reject };
      this.post({
        type: 'start',
        host,
        port,
        options: this.options,
        tokens: this.deps.tokens.digests(),
        logLevel: this.deps.log.level,
      });
      this.unsubscribe = this.deps.tokens.onChange(() =>
        this.post({ type: 'tokens', tokens: this.deps.tokens.digests() }),
      );
    });
  }

  /** New rate limits and proxy trust, from the next request on (see `ListenerServer.applyLimits`). */
  applyLimits(limits: LiveListenerLimits): void {
    const next = {
      ...this.options,
      ...limits,
      rateLimits: { ...this.options.rateLimits, ...limits.rateLimits },
    };
    resolveListenerOptions(next);
    this.options = next;
    this.post({ type: 'limits', limits });
  }

  /** How busy the thread's event loop has been (since `previous`); for diagnostics and benchmarks. */
  utilization(previous?: EventLoopUtilization): EventLoopUtilization | undefined {
    return this.worker?.performance.eventLoopUtilization(previous);
  }

  /** Drains the listener (see `ListenerServer.stop`), then ends the thread. */
  stop(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async drain(): Promise<void> {
    const worker = this.worker;
    this.unsubscribe();
    this.starting?.reject(new Error('The listener was stopped before it started.'));
    this.starting = undefined;
    // A thread booted but never started is simply ended.
    await this.booted?.worker.terminate();
    this.booted = undefined;
    if (!worker) return;
    if (this.serving) {
      const drained = new Promise<void>((resolve) => (this.stopped = resolve));
      this.post({ type: 'stop' });
      const limit = resolveListenerOptions(this.options).drainTimeoutMs + STOP_MARGIN_MS;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, limit)))]);
      clearTimeout(timer);
    }
    this.serving = false;
    this.worker = undefined;
    await worker.terminate();
  }

  private post(message: ToListenerThread): void {
    this.worker?.postMessage(message);
  }

  private receive(message: FromListenerThread): void {
    switch (message.type) {
      case 'started':
        this.serving = true;
        this.starting?.resolve(message.address);
        this.starting = undefined;
        return;
      case 'limits-refused':
        this.deps.log.error({ reason: message.message }, 'listener kept its earlier limits');
        this.deps.onLimitsRefused?.(message.message);
        return;
      case 'start-failed':
        this.starting?.reject(new Error(message.message));
        this.starting = undefined;
        return;
      case 'callbacks':
        for (const { id, record } of message.calls) this.record(id, record);
        return;
      case 'refused': {
        const refusal = RefusedCallbackSchema.safeParse(message.refusal);
        if (refusal.success) this.deps.onRefused?.(message.refusal);
        else
          this.deps.log.error({ issues: refusal.error.issues }, 'listener thread sent a malformed refusal');
        return;
      }
      case 'log': {
        const { level, bindings, obj, msg } = message.line;
        this.deps.log.child(bindings)[level](obj, msg);
        return;
      }
      case 'find-token':
        this.post({ type: 'token', id: message.id, token: this.deps.tokens.findByHash(message.hash) });
        return;
      case 'stopped':
        this.stopped?.();
        return;
    }
  }

  private record(id: number, record: unknown): void {
    const checked = CallbackRecordSchema.safeParse(record);
    if (!checked.success) {
      this.deps.log.error({ issues: checked.error.issues }, 'listener thread sent a malformed record');
      this.answer({ id, error: 'the record did not pass the core’s check' });
      return;
    }
    // The record as the thread built it (unknown body fields included), now known to be well-formed.
    this.deps.sink(record as typeof checked.data).then(
      () => this.answer({ id }),
      (error: unknown) =>
        this.answer({
          id,
          error: error instanceof Error ? error.message : String(error),
          // Crosses the thread as a flag: the listener answers this one 422, not 503.
          ...(error instanceof IdempotencyKeyReused && { keyReused: true }),
        }),
    );
  }

  private ended(reason: string): void {
    if (!this.worker || this.stopping) return;
    this.worker = undefined;
    this.unsubscribe();
    const wasServing = this.serving;
    this.serving = false;
    this.starting?.reject(new Error(`The listener thread stopped: ${reason}`));
    this.starting = undefined;
    if (!wasServing) return;
    this.deps.log.error({ reason }, 'listener thread stopped unexpectedly');
    this.deps.onFailure?.(reason);
  }
}
