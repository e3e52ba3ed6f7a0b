import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandRecord } from '../../electron/core/control/command-record';
import { Pacer } from '../../electron/core/control/pacer';
import { SerialLease } from '../../electron/core/control/serial-lease';
import {
  AssetGroupSchema,
  type AssetGroup,
  type LiveCommand,
} from '../../shared/domain/control/live-command';
import { manualClock } from './support/fake-port-harness';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('Pacer', () => {
  it('gives no controller two slots within a second and no second more than the global cap', async () => {
    const clock = manualClock(0);
    const pacer = new Pacer(clock, { perControllerMs: 1000, globalPerSecond: 10 });
    const granted: Array<{ serial: string; at: number }> = [];
    const ask = (serial: string) =>
      void pacer.acquire(serial).then((ok) => ok && granted.push({ serial, at: clock.now() }));
    for (let i = 0; i < 25; i++) ask(`S${i}`);
    for (let i = 0; i < 3; i++) ask('S0');
    for (let t = 0; t < 6000; t += 50) {
      await flush();
      clock.advance(50);
    }
    await flush();
    expect(granted).toHaveLength(28);
    const s0 = granted.filter((g) => g.serial === 'S0').map((g) => g.at);
    s0.slice(1).forEach((at, i) => expect(at - (s0[i] ?? 0)).toBeGreaterThanOrEqual(1000));
    for (const g of granted) {
      const inWindow = granted.filter((h) => h.at > g.at - 1000 && h.at <= g.at).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
    pacer.stop();
  });

  it('lets a bulk of controllers go at once under the cap and still holds each one to its gap', async () => {
    const clock = manualClock(0);
    const pacer = new Pacer(clock, { perControllerMs: 1100, globalPerSecond: 10_000 });
    // Past the size at which the pacer forgets old per-controller times.
    const serials = Array.from({ length: 5000 }, (_, i) => `S${i}`);
    const first = await Promise.all(serials.map((s) => pacer.acquire(s)));
    expect(first.every((ok) => ok)).toBe(true);
    clock.advance(600);
    let again: number | undefined;
    void pacer.acquire('S42').then(() => (again = clock.now()));
    for (let t = 0; t < 1000; t += 50) {
      await flush();
      clock.advance(50);
    }
    await flush();
    expect(again).toBeGreaterThanOrEqual(1100);
    pacer.stop();
  });

  it('tells waiters false when it stops', async () => {
    const clock = manualClock(0);
    const pacer = new Pacer(clock, { perControllerMs: 1000, globalPerSecond: 1 });
    await pacer.acquire('A');
    const second = pacer.acquire('B');
    pacer.stop();
    await expect(second).resolves.toBe(false);
    await expect(pacer.acquire('C')).resolves.toBe(false);
  });
});

const groupsArb = fc.subarray([...AssetGroupSchema.options], { minLength: 1 });

describe('one active command per installation and asset group (fast-check)', () => {
  it('every group has one holder, the newest that named it; commands left with no group are superseded', () => {
    fc.assert(
      fc.property(fc.array(groupsArb, { minLength: 1, maxLength: 20 }), (sends) => {
        const lease = new SerialLease('S1', 60);
        const superseded = new Set<string>();
        const newest = new Map<AssetGroup, string>();
        sends.forEach((groups, i) => {
          const command: LiveCommand = Object.fromEntries(groups.map((g) => [g, { policy: 'p' }]));
          const record = new CommandRecord({
            commandId: `c${i}`,
            serial: 'S1',
            kind: 'live',
            groups,
            command,
            hold: true,
            createdAt: i,
            actor: 'Ada',
            validUntil: 0,
            topic: 't',
            payload: '{}',
          });
          for (const lost of lease.take(record)) superseded.add(lost.id);
          for (const g of groups) newest.set(g, `c${i}`);
        });
        expect(Object.fromEntries([...lease.holders].map(([g, r]) => [g, r.id]))).toEqual(
          Object.fromEntries(newest),
        );
        const holding = new Set(lease.commands().map((c) => c.id));
        for (let i = 0; i < sends.length; i++)
          expect(holding.has(`c${i}`) !== superseded.has(`c${i}`)).toBe(true);
        expect(Object.keys(lease.merged()).sort()).toEqual([...newest.keys()].sort());
      }),
    );
  });
});
