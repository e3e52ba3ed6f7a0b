import { afterEach, describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import { waitFor } from '../../simulator/wait-for';
import { useBrokerHarnesses } from '../support/broker-harnesses';

// A frozen broker (SIGSTOP) keeps the socket open and never sends a PUBACK: the case where mqtt.js
// publish callbacks hang (reliability-notes MQ-4). Killing it instead closes the socket, which
// settles publishes at once and never exercises the deadline.
const suite = useBrokerHarnesses(7300, { restartBrokerAfterEach: true });
const signal = (sig: NodeJS.Signals) => {
  const pid = suite.broker().pid();
  if (pid !== undefined) process.kill(pid, sig);
};
afterEach(() => {
  try {
    signal('SIGCONT');
  } catch {
    /* already gone */
  }
});

const PUBLISH_DEADLINE_MS = 1000;
const hold: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 600 } },
};

describe('every publish of control has its own deadline, also when the broker hangs (frozen, socket open)', () => {
  it('a command whose publish gets no PUBACK ends failed at its publish deadline, not at the confirmation deadline', async () => {
    const h = await suite.harness(1, {
      fleet: { fallbackTimeoutS: 30 },
      control: { publishDeadlineMs: PUBLISH_DEADLINE_MS, confirmDeadlineMs: 10_000 },
    });
    // A first command, confirmed: the controller's feedback subscription is in place (a send
    // needs it granted before it publishes).
    const first = await h.service.send(h.serials, hold);
    const firstId = first.ok && first.results[0]?.ok === true ? first.results[0].commandId : '';
    expect((await h.service.settled(firstId)).state.state).toBe('confirmed');
    signal('SIGSTOP');
    const sent = await h.service.send(h.serials, {
      ...hold,
      command: { storage: { policy: 'setpoint', setpointW: 300 } },
    });
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect(id, JSON.stringify(sent.ok ? sent.results : sent.reason)).not.toBe('');
    const ended = await waitFor(
      'command settled by its publish deadline',
      () => {
        const s = h.service.command(id)?.state;
        return s !== undefined && s.state !== 'sent' && s.state !== 'draft' ? s : undefined;
      },
      // Well before the confirmation deadline (10 s), which would end it `expired` instead.
      8000,
    ).catch(() => h.service.command(id)?.state);
    expect(ended).toMatchObject({ state: 'failed', detail: expect.stringContaining('no PUBACK') });
  });

  it('a lease refresh that gets no PUBACK is counted as not delivered at its publish deadline', async () => {
    // Fallback 6 s: a refresh every 2 s.
    const h = await suite.harness(1, {
      fleet: { fallbackTimeoutS: 6 },
      control: { publishDeadlineMs: PUBLISH_DEADLINE_MS },
    });
    const sent = await h.service.send(h.serials, hold);
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect((await h.service.settled(id)).state.state).toBe('confirmed');
    signal('SIGSTOP');
    // The next refresh is due within 2 s; its publish must settle 1 s later (a refresh that never
    // settles is never counted, and its retry halfway to the lapse is never scheduled).
    await waitFor(
      'refresh counted as not delivered',
      () => (h.service.leases()[0]?.refused ?? 0) >= 1,
      8000,
    ).catch(() => undefined);
    expect(h.service.leases()[0]?.refused ?? 0, 'the hung refresh was never settled').toBeGreaterThanOrEqual(
      1,
    );
  });
});
