/**
 * The life of one command, mirrored on IEEE 2030.5 (reliability-notes §6.2): a broker PUBACK is
 * `accepted`, never `confirmed`; only device feedback confirms or rejects. `confirmed` is the state of
 * a command in force (its lease may still be refreshed); the others after it are the ways it ends.
 */

/** Non-terminal states: the command may still change. */
export type LiveState =
  | { state: 'draft'; at: number }
  /** Published (or being published); no PUBACK yet. */
  | { state: 'sent'; at: number; sentAt: number }
  /** The broker took it (PUBACK). Says nothing about the controller. */
  | { state: 'accepted'; at: number; sentAt: number }
  /** Feedback after the publish showed response code 0 and, where reported, the setpoint in effect. */
  | { state: 'confirmed'; at: number; sentAt: number; detail: string };

/** Terminal states: nothing happens to the command after one of these. */
export type EndState =
  | { state: 'rejected'; at: number; detail: string; responseCode?: number }
  | { state: 'expired'; at: number; detail: string }
  /** Not delivered: the link refused the publish or the broker did not ack it by its deadline. */
  | { state: 'failed'; at: number; detail: string }
  | { state: 'superseded'; at: number; detail: string; by: string }
  | { state: 'released'; at: number; detail: string; actor: string }
  /** The lease was not refreshed in time: the controller is back in local control. */
  | { state: 'lapsed'; at: number; detail: string };

export type CommandState = LiveState | EndState;
export type CommandStateName = CommandState['state'];
export type EndStateName = EndState['state'];

export const END_STATES: readonly EndStateName[] = [
  'rejected',
  'expired',
  'failed',
  'superseded',
  'released',
  'lapsed',
];

export type CommandEvent =
  | { type: 'publish'; at: number }
  | { type: 'ack'; at: number }
  | { type: 'publish-failed'; at: number; reason: string }
  | { type: 'confirm'; at: number; detail: string }
  | { type: 'reject'; at: number; detail: string; responseCode?: number }
  /** The confirmation deadline passed without a confirmation. */
  | { type: 'deadline'; at: number; detail?: string }
  | { type: 'supersede'; at: number; by: string }
  | { type: 'release'; at: number; actor: string }
  | { type: 'lapse'; at: number; detail: string };

export type Transition = { ok: true; state: CommandState } | { ok: false; error: string };

/** True for a state nothing can follow. */
export function isTerminal(s: CommandState): s is EndState {
  return (END_STATES as readonly string[]).includes(s.state);
}

/** True once the outcome is known: confirmed or ended (what a rollout counts). */
export const isSettled = (s: CommandState): boolean => s.state === 'confirmed' || isTerminal(s);

const refuse = (s: CommandState, e: CommandEvent): Transition => ({
  ok: false,
  error: isTerminal(s)
    ? `the command already ended (${s.state}); ${e.type} is ignored`
    : `${e.type} is not possible while the command is ${s.state}`,
});

const to = (state: CommandState): Transition => ({ ok: true, state });

/**
 * The pure transition function: the next state, or an error for an illegal event (the caller
 * logs it; a late answer after `expired` never changes the record, EC-2).
 */
export function next(s: CommandState, e: CommandEvent): Transition {
  if (isTerminal(s)) return refuse(s, e);
  if (s.state === 'draft') {
    if (e.type === 'publish') return to({ state: 'sent', at: e.at, sentAt: e.at });
    // Never published (e.g. its audit record could not be written): it failed without leaving.
    if (e.type === 'publish-failed') return to({ state: 'failed', at: e.at, detail: e.reason });
    return refuse(s, e);
  }
  switch (e.type) {
    case 'publish':
      return refuse(s, e);
    case 'ack':
      if (s.state === 'sent') return to({ state: 'accepted', at: e.at, sentAt: s.sentAt });
      // Feedback can overtake the PUBACK on a busy link: a late ack after confirmation changes nothing.
      return s.state === 'confirmed' ? to(s) : refuse(s, e);
    case 'publish-failed':
      return s.state === 'sent' ? to({ state: 'failed', at: e.at, detail: e.reason }) : refuse(s, e);
    case 'confirm':
      return s.state === 'confirmed'
        ? refuse(s, e)
        : to({ state: 'confirmed', at: e.at, sentAt: s.sentAt, detail: e.detail });
    case 'reject':
      // Also from `confirmed`: a refresh of a command in force can be refused by the controller.
      return to({
        state: 'rejected',
        at: e.at,
        detail: e.detail,
        ...(e.responseCode !== undefined ? { responseCode: e.responseCode } : {}),
      });
    case 'deadline':
      return s.state === 'confirmed'
        ? refuse(s, e)
        : to({ state: 'expired', at: e.at, detail: e.detail ?? 'no confirming feedback by the deadline' });
    case 'supersede':
      return to({ state: 'superseded', at: e.at, detail: `superseded by ${e.by}`, by: e.by });
    case 'release':
      return to({ state: 'released', at: e.at, detail: `released by ${e.actor}`, actor: e.actor });
    case 'lapse':
      return to({ state: 'lapsed', at: e.at, detail: e.detail });
  }
}
