import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  END_STATES,
  isTerminal,
  next,
  type CommandEvent,
  type CommandState,
} from '../../shared/domain/control/lifecycle';

const draft: CommandState = { state: 'draft', at: 0 };

/** Runs events from a draft; throws on the first refused one. */
function run(...events: CommandEvent[]): CommandState {
  return events.reduce<CommandState>((s, e) => {
    const t = next(s, e);
    if (!t.ok) throw new Error(t.error);
    return t.state;
  }, draft);
}

const publish: CommandEvent = { type: 'publish', at: 1 };
const ack: CommandEvent = { type: 'ack', at: 2 };
const confirm: CommandEvent = { type: 'confirm', at: 3, detail: 'response code 0' };

describe('command lifecycle', () => {
  it('goes draft → sent → accepted → confirmed, keeping when it was sent', () => {
    expect(run(publish)).toEqual({ state: 'sent', at: 1, sentAt: 1 });
    expect(run(publish, ack)).toEqual({ state: 'accepted', at: 2, sentAt: 1 });
    expect(run(publish, ack, confirm)).toEqual({
      state: 'confirmed',
      at: 3,
      sentAt: 1,
      detail: 'response code 0',
    });
  });

  it('ends in each terminal state by its event', () => {
    expect(run(publish, ack, { type: 'reject', at: 3, detail: 'code 3', responseCode: 3 })).toMatchObject({
      state: 'rejected',
      responseCode: 3,
    });
    expect(run(publish, ack, { type: 'deadline', at: 9 })).toMatchObject({ state: 'expired', at: 9 });
    expect(run(publish, { type: 'publish-failed', at: 2, reason: 'link down' })).toMatchObject({
      state: 'failed',
      detail: 'link down',
    });
    expect(run(publish, ack, confirm, { type: 'supersede', at: 4, by: 'c2' })).toMatchObject({
      state: 'superseded',
      by: 'c2',
    });
    expect(run(publish, ack, confirm, { type: 'release', at: 4, actor: 'Ada' })).toMatchObject({
      state: 'released',
      actor: 'Ada',
    });
    expect(run(publish, ack, confirm, { type: 'lapse', at: 4, detail: 'not refreshed' })).toMatchObject({
      state: 'lapsed',
    });
    expect(run({ type: 'publish-failed', at: 1, reason: 'audit not written' })).toMatchObject({
      state: 'failed',
    });
  });

  it('accepts feedback that overtakes the PUBACK, and a late ack after confirmation changes nothing', () => {
    const confirmed = run(publish, confirm);
    expect(confirmed.state).toBe('confirmed');
    expect(run(publish, confirm, ack)).toEqual(confirmed);
  });

  it('refuses illegal transitions with a reason', () => {
    const illegal: Array<[CommandEvent[], CommandEvent]> = [
      [[], ack],
      [[], confirm],
      [[], { type: 'deadline', at: 1 }],
      [[], { type: 'release', at: 1, actor: 'Ada' }],
      [[publish], publish],
      [[publish, ack], ack],
      [[publish, ack], { type: 'publish-failed', at: 3, reason: 'x' }],
      [[publish, ack, confirm], confirm],
      [[publish, ack, confirm], { type: 'deadline', at: 9 }],
    ];
    for (const [before, event] of illegal) {
      const t = next(run(...before), event);
      expect(t.ok, `${event.type} after ${before.map((e) => e.type).join(',') || 'draft'}`).toBe(false);
    }
  });

  it('refuses everything after a terminal state (a late answer after expired is not applied, EC-2)', () => {
    const expired = run(publish, ack, { type: 'deadline', at: 9 });
    const late = next(expired, confirm);
    expect(late).toEqual({ ok: false, error: 'the command already ended (expired); confirm is ignored' });
  });
});

const eventArb: fc.Arbitrary<CommandEvent> = fc.oneof(
  fc.constant<CommandEvent>({ type: 'publish', at: 0 }),
  fc.constant<CommandEvent>({ type: 'ack', at: 0 }),
  fc.constant<CommandEvent>({ type: 'publish-failed', at: 0, reason: 'refused' }),
  fc.constant<CommandEvent>({ type: 'confirm', at: 0, detail: 'ok' }),
  fc
    .integer({ min: 0, max: 4 })
    .map<CommandEvent>((code) => ({ type: 'reject', at: 0, detail: 'no', responseCode: code })),
  fc.constant<CommandEvent>({ type: 'deadline', at: 0 }),
  fc.constant<CommandEvent>({ type: 'supersede', at: 0, by: 'other' }),
  fc.constant<CommandEvent>({ type: 'release', at: 0, actor: 'Ada' }),
  fc.constant<CommandEvent>({ type: 'lapse', at: 0, detail: 'lapsed' }),
);

/** Events that end any command: fail what was never published, release the rest. */
const closeOut: CommandEvent[] = [
  { type: 'publish-failed', at: 0, reason: 'never sent' },
  { type: 'release', at: 0, actor: 'shutdown' },
];

describe('command lifecycle model (fast-check)', () => {
  it('every command ends in exactly one terminal state and nothing follows it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.nat(), eventArb), { maxLength: 60 }),
        (count, script) => {
          const states: CommandState[] = Array.from({ length: count }, () => draft);
          const terminalsEntered = new Array<number>(count).fill(0);
          const step = (i: number, event: CommandEvent, at: number) => {
            const before = states[i] as CommandState;
            const t = next(before, { ...event, at });
            if (isTerminal(before)) {
              // Nothing after a terminal state, whatever the event.
              expect(t.ok).toBe(false);
              return;
            }
            if (!t.ok) return;
            // Every state after `sent` remembers when the command was sent; confirmed only after a publish.
            if (t.state.state === 'confirmed')
              expect(['sent', 'accepted', 'confirmed']).toContain(before.state);
            if (isTerminal(t.state)) terminalsEntered[i] = (terminalsEntered[i] ?? 0) + 1;
            states[i] = t.state;
          };
          script.forEach(([target, event], k) => step(target % count, event, k + 1));
          for (let i = 0; i < count; i++) for (const event of closeOut) step(i, event, script.length + 1);
          for (let i = 0; i < count; i++) {
            expect(isTerminal(states[i] as CommandState)).toBe(true);
            expect(END_STATES).toContain((states[i] as CommandState).state);
            expect(terminalsEntered[i]).toBe(1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
