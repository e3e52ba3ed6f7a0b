import { createServer } from 'node:net';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_EXAMPLE, type ListenerToken } from '../../shared/protocol/listener';
import type { RefusedCallback } from '../../electron/core/listener/callback-route';
import {
  bootedListener,
  ListenerThread,
  startListenerWorker,
  type BootedListener,
  type TokenFeed,
} from '../../electron/core/listener/listener-thread';
import { createLogger } from '../../electron/core/logger';
import { issueToken } from '../../electron/core/listener/token-store';
import { deferred, SECRETS, SERIAL, testTokens, TestSink, toAnswer } from './listener-harness';

/** The test tokens, changeable while the thread runs, as Settings changes the registry's. */
class Feed implements TokenFeed {
  readonly store = testTokens();
  private readonly listeners = new Set<() => void>();
  digests(): ListenerToken[] {
    return this.store.list();
  }
  findByHash(hash: string): ListenerToken | undefined {
    return this.store.findByHash(hash);
  }
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(): void {
    for (const listener of this.listeners) listener();
  }
}

let running: ListenerThread | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function startThread(setup: { sink?: TestSink; booted?: BootedListener; options?: object } = {}) {
  const sink = setup.sink ?? new TestSink();
  const tokens = new Feed();
  const refused: RefusedCallback[] = [];
  const failures: string[] = [];
  const thread = new ListenerThread(
    {
      sink: sink.sink,
      onRefused: (r) => refused.push(r),
      tokens,
      log: createLogger('silent'),
      onFailure: (reason) => failures.push(reason),
    },
    setup.options,
    setup.booted,
  );
  running = thread;
  const { url } = await thread.start('127.0.0.1', 0);
  const post = async (body: unknown, secret: string = SECRETS.bound) =>
    toAnswer(
      await fetch(`${url}/v1/health`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify(body),
      }),
    );
  return { thread, url, sink, tokens, refused, failures, post };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('the callback listener in its own thread', () => {
  it('answers 202 only once the main thread recorded the call, with the raw body kept', async () => {
    const sink = new TestSink();
    const gate = deferred();
    sink.behaviour = () => gate.promise;
    const t = await startThread({ sink });
    let answered = false;
    const answer = t.post({ ...HEALTH_EXAMPLE, extraField: 'kept' }).then((a) => {
      answered = true;
      return a;
    });
    await until(() => sink.calls === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    gate.resolve();
    const a = await answer;
    expect(a.status).toBe(202);
    expect(a.json).toMatchObject({ received: true, serialNumber: SERIAL, eventId: HEALTH_EXAMPLE.eventId });
    const [record] = sink.records;
    expect(record).toMatchObject({ kind: 'health', serial: SERIAL, tokenId: 'tok-bound' });
    expect(JSON.parse(record?.raw.body ?? '{}')).toMatchObject({ extraField: 'kept' });
    expect(record?.body).toMatchObject({ extraField: 'kept' });
  });

  it('answers 503 when the main thread could not record the call, and runs a retry again', async () => {
    const sink = new TestSink();
    sink.behaviour = () => Promise.reject(new Error('disk full'));
    const t = await startThread({ sink });
    const first = await t.post(HEALTH_EXAMPLE);
    expect(first.status).toBe(503);
    expect(String(first.json?.['detail'])).toMatch(/could not be recorded/);
    sink.behaviour = () => Promise.resolve();
    expect((await t.post(HEALTH_EXAMPLE)).status).toBe(202);
    expect(sink.calls).toBe(2);
  });

  it('follows token changes made while it runs: a new token works at once, a revoked one is refused', async () => {
    const t = await startThread();
    const fresh = issueToken({ label: 'new', serial: null }, new Date());
    expect((await t.post(HEALTH_EXAMPLE, fresh.secret)).status).toBe(401);
    // Not announced to the thread: it asks the core about a digest it does not know.
    t.tokens.store.add(fresh.token);
    expect((await t.post({ ...HEALTH_EXAMPLE, eventId: 'evt-new-1' }, fresh.secret)).status).toBe(202);
    t.tokens.store.revoke('tok-bound', new Date());
    t.tokens.changed();
    // The change travels as a message to the thread, the calls through a socket: ask until refused.
    let status = 0;
    for (let i = 0; i < 50 && status !== 401; i += 1)
      status = (await t.post({ ...HEALTH_EXAMPLE, eventId: `evt-after-revoke-${i}` })).status;
    expect(status).toBe(401);
  });

  it('hands refused but authenticated calls to the main thread as evidence, never to the sink', async () => {
    const t = await startThread();
    const answer = await t.post({ serialNumber: SERIAL, status: 42 });
    expect(answer.status).toBe(400);
    await until(() => t.refused.length === 1);
    expect(t.refused[0]).toMatchObject({ endpoint: '/v1/health', reason: 'invalid body', serial: SERIAL });
    expect(JSON.parse(t.refused[0]?.rawBody ?? '{}')).toEqual({ serialNumber: SERIAL, status: 42 });
    expect(t.sink.calls).toBe(0);
  });

  it('applies new rate limits without a restart', async () => {
    const t = await startThread();
    t.thread.applyLimits({ rateLimits: { perAddress: 2 } });
    await new Promise((r) => setTimeout(r, 20));
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await t.post({ ...HEALTH_EXAMPLE, eventId: `evt-limit-${i}` })).status);
    expect(statuses).toEqual([202, 202, 429]);
    expect(() => t.thread.applyLimits({ trustProxy: true as unknown as false })).toThrow(/never true/);
  });

  it('on stop, finishes the call in flight, then closes and ends its thread', async () => {
    const sink = new TestSink();
    const gate = deferred();
    sink.behaviour = () => gate.promise;
    const booted = startListenerWorker();
    const exited = once(booted.worker, 'exit');
    const t = await startThread({ sink, booted });
    const inFlight = t.post(HEALTH_EXAMPLE);
    await until(() => sink.calls === 1);
    const stopped = t.thread.stop();
    await new Promise((r) => setTimeout(r, 50));
    gate.resolve();
    expect((await inFlight).status).toBe(202);
    await stopped;
    running = undefined;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    await exited;
  });

  it('rejects start with the reason when the port is taken', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    const thread = new ListenerThread({
      sink: new TestSink().sink,
      tokens: new Feed(),
      log: createLogger('silent'),
    });
    running = thread;
    await expect(thread.start('127.0.0.1', port)).rejects.toThrow(/EADDRINUSE/);
    blocker.close();
  });

  it('reports a thread that failed before it was started, instead of waiting for it', async () => {
    const broken = bootedListener(new Worker('throw new Error("no code to run")', { eval: true }));
    // Not `once`: it would reject on the 'error' event that comes first.
    await new Promise((resolve) => broken.worker.once('exit', resolve));
    const thread = new ListenerThread(
      { sink: new TestSink().sink, tokens: new Feed(), log: createLogger('silent') },
      {},
      broken,
    );
    running = thread;
    await expect(thread.start('127.0.0.1', 0)).rejects.toThrow(
      /listener thread stopped: it failed: no code to run/,
    );
  });

  it("writes the thread's log lines through the core's logger, at its level", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const thread = new ListenerThread({ sink: new TestSink().sink, tokens: new Feed(), log });
    running = thread;
    const { url } = await thread.start('127.0.0.1', 0);
    const res = await fetch(`${url}/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.bound}` },
      body: JSON.stringify({ serialNumber: SERIAL, status: 42 }),
    });
    expect(res.status).toBe(400);
    await until(() => lines.length > 0);
    expect(lines[0]).toMatchObject({
      level: 40,
      module: 'listener',
      msg: 'listener call refused: invalid body',
    });
    // Info lines (such as "listener started") are below the level and never cross.
    expect(lines.some((l) => l['msg'] === 'listener started')).toBe(false);
  });

  it('settles a start still under way when it is stopped', async () => {
    const thread = new ListenerThread({
      sink: new TestSink().sink,
      tokens: new Feed(),
      log: createLogger('silent'),
    });
    const settled = expect(thread.start('127.0.0.1', 0)).rejects.toThrow(/stopped before it started/);
    await thread.stop();
    await settled;
  });

  it('tells the core when its thread ends while serving', async () => {
    const t = await startThread();
    // The thread is ended from outside, as a crash of it would.
    await (t.thread as unknown as { worker: Worker }).worker.terminate();
    await until(() => t.failures.length === 1);
    expect(t.failures[0]).toMatch(/exited/);
  });

  it('checks every record from the thread against the record schema before the sink sees it', async () => {
    // A stand-in thread: it answers `start`, hands over a record that is not one, and shows us
    // (in a message type the core ignores) the answer it got.
    const rogue = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (m) => {
         if (m.type === 'start') {
           parentPort.postMessage({ type: 'started', address: { host: '127.0.0.1', port: 1, url: 'http://127.0.0.1:1' } });
           parentPort.postMessage({ type: 'callbacks', calls: [{ id: 7, record: { kind: 'health', serial: 'x'.repeat(500), body: {} } }] });
         }
         if (m.type === 'recorded') parentPort.postMessage({ type: 'seen', answer: m });
         if (m.type === 'stop') parentPort.postMessage({ type: 'stopped' });
       });`,
      { eval: true },
    );
    const answers: unknown[] = [];
    rogue.on('message', (m: { type: string; answer?: unknown }) => {
      if (m.type === 'seen') answers.push(m.answer);
    });
    const t = await startThread({ booted: bootedListener(rogue) });
    await until(() => answers.length === 1);
    expect(answers[0]).toEqual({
      type: 'recorded',
      answers: [{ id: 7, error: expect.stringMatching(/check/) }],
    });
    expect(t.sink.calls).toBe(0);
  });
});
