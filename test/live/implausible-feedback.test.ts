/**
 * QA: `storage.active_power_W: 99999999` from a 5 kW battery was applied, charted (axis to
 * 100,000 kW) and confirmed a command; `{"time":1}` counted as applied. Both now count as malformed
 * by kind, stay out of the live values and history, and confirm nothing. Each case runs through the
 * real decoder (DEFAULT_PROFILE) into LiveValues and into control's feedback handler.
 */
import { describe, expect, it } from 'vitest';
import { handleFeedback } from '../../electron/core/control/feedback-handler';
import type { ControlContext } from '../../electron/core/control/control-context';
import { ControlProtocol } from '../../electron/core/control/control-protocol';
import type { CommandRecord } from '../../electron/core/control/command-record';
import type { Device } from '../../shared/domain/inventory/installation';
import type { LiveCommand } from '../../shared/domain/control/live-command';
import { DEFAULT_PROFILE, feedbackTopic } from '../../shared/protocol/profile';
import { liveOnFakeBroker } from './live-harness';

const SERIAL = 'SG1-000001';
const BATTERY_5KW: Device[] = [{ type: 'storage', nominalPowerW: 5000 }];
const T = 1_764_151_200_000;

const state = (storageW: number, socPct = 55) => ({
  response_code: 0,
  state: { storage: { active_power_W: storageW, mean_soc_perc: socPct }, grid: { active_power_W: 800 } },
});

describe('implausible and empty feedback in the live values', () => {
  it('drops a power beyond the battery, keeps the rest, and counts the message as implausible', () => {
    const { live, feedback } = liveOnFakeBroker(undefined, () => BATTERY_5KW);
    feedback(SERIAL, T, state(2000));
    feedback(SERIAL, T + 10_000, state(99_999_999, 56));

    const latest = live.get(SERIAL);
    expect(latest?.values.storageW).toBeNull();
    expect(latest?.values.socPct).toBe(56);
    expect(latest?.values.gridW).toBe(800);
    const history = live.historyOf(SERIAL, undefined, 100);
    expect(history.storageW).toEqual([2000, null]);
    expect(Math.max(...history.storageW.map((w) => Math.abs(w ?? 0)))).toBe(2000);

    const counts = live.counts();
    expect(counts).toMatchObject({ total: 2, accepted: 1, implausible: 1 });
    expect(counts.last).toMatchObject({ kind: 'implausible', serial: SERIAL });
    expect(counts.last?.reason).toContain('storage power 99999999 W is beyond the plausible 15000 W');
  });

  it('believes a real reading of a rated battery (up to twice its rating plus the margin)', () => {
    const { live, feedback } = liveOnFakeBroker(undefined, () => BATTERY_5KW);
    feedback(SERIAL, T, state(-14_000));
    expect(live.get(SERIAL)?.values.storageW).toBe(-14_000);
    expect(live.counts()).toMatchObject({ accepted: 1, implausible: 0 });
  });

  it('falls back to an absolute bound when no rating is known', () => {
    const { live, feedback } = liveOnFakeBroker();
    feedback(SERIAL, T, state(400_000));
    feedback(SERIAL, T + 10_000, state(99_999_999));
    expect(live.historyOf(SERIAL, undefined, 100).storageW).toEqual([400_000, null]);
    expect(live.counts()).toMatchObject({ accepted: 1, implausible: 1 });
  });

  it('refuses feedback without fields as empty: no live value, no history', () => {
    const { live, feedback } = liveOnFakeBroker();
    live.watch([SERIAL]);
    feedback(SERIAL, T, undefined, { time: 1 });
    expect(live.get(SERIAL)).toBeUndefined();
    expect(live.historyOf(SERIAL, undefined, 100).readings).toBe(0);
    expect(live.counts()).toMatchObject({ total: 1, accepted: 0, empty: 1 });
    expect(live.counts().last).toMatchObject({ kind: 'empty' });
  });
});

/** Control's handler over one command waiting for its answer; `transitions` are what it decided. */
function controlFor(command: LiveCommand, devices: Device[]) {
  const protocol = new ControlProtocol(() => DEFAULT_PROFILE);
  const transitions: Array<{ type: string }> = [];
  const record = {
    state: { state: 'sent' },
    probe: { seenBefore: 0, codeBefore: null },
    info: { command, groups: Object.keys(command) },
    waiting: undefined as string | undefined,
  } as unknown as CommandRecord;
  const ctx = {
    protocol,
    deps: { inventory: { getInstallation: () => ({ devices }) } },
    state: {
      leases: new Map(),
      liveOf: () => [record],
      transition: (_r: CommandRecord, event: { type: string }) => transitions.push(event),
      changed: () => undefined,
    },
  } as unknown as ControlContext;
  /** Delivers feedback as the `seen`-th message since the publish (2+: its code is fresh). */
  const deliver = (payload: unknown, seen = 2) => {
    const decoded = protocol.decode({
      topic: feedbackTopic(DEFAULT_PROFILE, SERIAL),
      payload: Buffer.from(JSON.stringify(payload)),
      receivedAt: T,
    });
    if ('error' in decoded) return decoded.error;
    handleFeedback(ctx, { ...decoded, receivedAt: T, seen });
    return null;
  };
  return { deliver, transitions, record };
}

describe('implausible and empty feedback cannot confirm a command', () => {
  const hold = { storage: { policy: 'self-consumption' } } satisfies LiveCommand;

  it('does not confirm on code 0 when the message carries an impossible power', () => {
    const { deliver, transitions, record } = controlFor(hold, BATTERY_5KW);
    expect(deliver({ time: 1_764_151_210, fields: state(99_999_999) })).toBeNull();
    expect(transitions).toEqual([]);
    expect(record.waiting).toContain('feedback not believed: storage power 99999999 W');
    // The same message with a believable power does confirm: only the bound held it back.
    deliver({ time: 1_764_151_220, fields: state(2000) }, 3);
    expect(transitions.map((t) => t.type)).toEqual(['confirm']);
  });

  it('does not count `{"time":1}` as feedback at all', () => {
    const { deliver, transitions } = controlFor(hold, BATTERY_5KW);
    expect(deliver({ time: 1 })).toMatch(/no fields/);
    expect(transitions).toEqual([]);
  });
});
