import { AssetGroupSchema, type AssetGroup, type LiveCommand } from './live-command';

/**
 * Whether one feedback message confirms a command (protocol.md §2): feedback carries no command id
 * [GAP], so a command is confirmed only by feedback received *after* its publish that shows the
 * accepted code and, where the controller reports it, the command in effect.
 *
 * The code in feedback is the code of the *last* command the controller handled, and periodic
 * feedback can slip in between our publish and the controller handling it. So a code counts as this
 * command's answer only when it is `fresh`: different from the code seen before the publish, or
 * carried by the second (or later) feedback after it. A confirmation may also rest on the
 * controller echoing every named group's policy (and setpoint): a stale message echoes the old
 * command, so it can only pass when the old one was the same, and then confirming is harmless.
 */

/** One decoded feedback message, reduced to what the judgement needs. */
export type FeedbackReading = {
  responseCode: number | null;
  /** The code can only be this command's answer (see above). */
  fresh: boolean;
  /** The profile's accepted code (0 by default). */
  acceptedCode: number;
  /** The code in words, e.g. "rejected: setpoint out of range". */
  responseLabel: string;
  storageW: number | null;
  socPct: number | null;
  solarW: number | null;
  /** Per group, the policy and setpoint the controller says it runs, when it says so. */
  echoed: Partial<Record<AssetGroup, { policy?: string; setpointW?: number }>>;
  /**
   * Values beyond what the installation can do (shared/domain/live/plausibility.ts), in words. A
   * message with one is not believed: its code neither confirms nor rejects.
   */
  implausible?: readonly string[];
};

export type Verdict =
  | { kind: 'confirm'; detail: string }
  | { kind: 'reject'; responseCode: number; detail: string }
  | { kind: 'wait'; detail: string };

/** Storage power must come within this of the setpoint: 5 % of it, at least 100 W (metering noise, rounding). */
export const POWER_TOLERANCE = { minW: 100, ratio: 0.05 } as const;

/** A battery this close to empty (or full) cannot discharge (or charge): it may hold 0 W instead. */
export const SOC_EDGE_PCT = 2;

export const toleranceW = (setpointW: number): number =>
  Math.max(POWER_TOLERANCE.minW, Math.abs(setpointW) * POWER_TOLERANCE.ratio);

/**
 * Judges one feedback message against a command. `setpointPolicies` are the profile's policies that
 * hold a setpoint (storage `setpoint`, solar `curtail`): only those have a power to check.
 */
export function judgeFeedback(
  command: LiveCommand,
  reading: FeedbackReading,
  setpointPolicies: Partial<Record<AssetGroup, readonly string[]>>,
): Verdict {
  // A controller that reports an impossible power is broken, or the message is not its own: its
  // code is no evidence either way, and the command waits for believable feedback (or times out).
  if (reading.implausible !== undefined && reading.implausible.length > 0) {
    return { kind: 'wait', detail: `feedback not believed: ${reading.implausible.join('; ')}` };
  }
  const code = reading.responseCode;
  if (code === null) return { kind: 'wait', detail: 'feedback without a response code' };
  if (code !== reading.acceptedCode) {
    if (!reading.fresh)
      return { kind: 'wait', detail: `response code ${code} was already shown before this command` };
    return { kind: 'reject', responseCode: code, detail: `response code ${code} (${reading.responseLabel})` };
  }
  const named = AssetGroupSchema.options.filter((g) => command[g] !== undefined);
  const echoedAll = named.every((g) => reading.echoed[g]?.policy !== undefined);
  if (!reading.fresh && !echoedAll) {
    return { kind: 'wait', detail: `response code ${code} was already shown before this command` };
  }
  const notes: string[] = [];
  for (const group of named) {
    const c = command[group];
    if (c === undefined) continue;
    const echo = reading.echoed[group];
    if (echo?.policy !== undefined && echo.policy !== c.policy) {
      return { kind: 'wait', detail: `${group} still reports policy ${echo.policy}, not ${c.policy}` };
    }
    if (
      c.setpointW !== undefined &&
      echo?.setpointW !== undefined &&
      Math.abs(echo.setpointW - c.setpointW) > 0.5
    ) {
      return {
        kind: 'wait',
        detail: `${group} still reports setpoint ${echo.setpointW} W, not ${c.setpointW} W`,
      };
    }
    const holds = c.setpointW !== undefined && (setpointPolicies[group] ?? []).includes(c.policy);
    if (!holds || c.setpointW === undefined) continue;
    const power = checkPower(group, c.setpointW, reading);
    if (power.kind === 'wait') return power;
    if (power.detail !== '') notes.push(power.detail);
  }
  return { kind: 'confirm', detail: [`response code ${code}`, ...notes].join('; ') };
}

/** The setpoint taking effect, where the group reports its power; '' when there is nothing to check. */
function checkPower(
  group: AssetGroup,
  setpointW: number,
  r: FeedbackReading,
): { kind: 'ok'; detail: string } | { kind: 'wait'; detail: string } {
  const tol = toleranceW(setpointW);
  if (group === 'storage' && r.storageW !== null) {
    if (Math.abs(r.storageW - setpointW) <= tol) {
      return { kind: 'ok', detail: `storage at ${r.storageW} W (setpoint ${setpointW} W ± ${tol} W)` };
    }
    const empty = setpointW > 0 && r.socPct !== null && r.socPct <= SOC_EDGE_PCT;
    const full = setpointW < 0 && r.socPct !== null && r.socPct >= 100 - SOC_EDGE_PCT;
    if (empty || full) {
      return {
        kind: 'ok',
        detail: `storage at ${r.storageW} W: the battery is ${empty ? 'empty' : 'full'} (SoC ${r.socPct} %)`,
      };
    }
    return { kind: 'wait', detail: `storage at ${r.storageW} W, setpoint ${setpointW} W ± ${tol} W` };
  }
  if (group === 'solar' && r.solarW !== null) {
    // A curtailment is a cap: any production at or under it shows it in effect.
    if (r.solarW <= setpointW + tol)
      return { kind: 'ok', detail: `solar at ${r.solarW} W (cap ${setpointW} W)` };
    return { kind: 'wait', detail: `solar at ${r.solarW} W, above the cap of ${setpointW} W` };
  }
  return { kind: 'ok', detail: '' };
}
