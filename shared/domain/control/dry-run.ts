import type { Device } from '../inventory/installation';
import { requiredConfirmation, type ConfirmationThresholds, type RequiredConfirmation } from './confirmation';
import { AssetGroupSchema, type AssetGroup, type EncodedMessage, type LiveCommand } from './live-command';

/**
 * What may be sent. Only live commands today; scheduled control will add `{ kind: 'schedule', … }`
 * and reuse targets, dry-run, staged rollout and the journal unchanged, switching on `kind`.
 */
export type ControlCommand = {
  kind: 'live';
  command: LiveCommand;
  /** Keep refreshing it (a lease) until released or superseded; otherwise it lapses after one fallback timeout. */
  hold: boolean;
};

/** Power one target puts at stake in one group: the setpoint, or the group's rating when none is set. */
export type GroupImpact = { setpointW: number | null; atStakeW: number };

/** The dry-run of one target: exactly what would go on the wire, or why it cannot. */
export type DryRunTarget = {
  serial: string;
  kind: ControlCommand['kind'];
  /** The exact topic and payload (null when there are errors). Time, validUntil and id are as if sent now. */
  message: EncodedMessage | null;
  errors: string[];
  warnings: string[];
  impact: Partial<Record<AssetGroup, GroupImpact>>;
  /** Lease terms for this target; null when its fallback timeout is unknown. */
  lease: { fallbackS: number; refreshEveryMs: number; validUntil: number } | null;
};

export type GroupTotal = { targets: number; setpointW: number; atStakeW: number };

/** The whole dry-run: per target, and the totals the confirmation rule looks at (valid targets only). */
export type DryRun = {
  kind: ControlCommand['kind'];
  at: number;
  targets: DryRunTarget[];
  valid: string[];
  invalid: string[];
  /** Homes that would receive the command (valid targets). */
  homes: number;
  totals: Partial<Record<AssetGroup, GroupTotal>>;
  /** Power at stake over every group, W. */
  totalW: number;
  confirmation: RequiredConfirmation;
  /** Why a send would be refused right now as a whole (e.g. the broker link is down), else null. */
  blockedBy: string | null;
};

/** Sum of the nominal power of the installation's devices of one group (devices without one count 0). */
export function ratedW(devices: readonly Device[], group: AssetGroup): number {
  let w = 0;
  for (const d of devices) {
    if (d.type === group && typeof d.nominalPowerW === 'number' && Number.isFinite(d.nominalPowerW)) {
      w += Math.abs(d.nominalPowerW);
    }
  }
  return w;
}

/**
 * Per group the command names: its setpoint, and the power at stake. A policy change without a
 * setpoint can still swing the whole group (e.g. storage to `cost`), so its rating counts.
 */
export function commandImpact(
  devices: readonly Device[],
  command: LiveCommand,
): Partial<Record<AssetGroup, GroupImpact>> {
  const impact: Partial<Record<AssetGroup, GroupImpact>> = {};
  for (const group of AssetGroupSchema.options) {
    const c = command[group];
    if (c === undefined) continue;
    const setpointW = c.setpointW ?? null;
    impact[group] = {
      setpointW,
      atStakeW: setpointW === null ? ratedW(devices, group) : Math.abs(setpointW),
    };
  }
  return impact;
}

/** Adds up the valid targets and applies the confirmation rule to them. */
export function summarizeDryRun(
  targets: DryRunTarget[],
  at: number,
  options: { thresholds?: ConfirmationThresholds; blockedBy?: string | null } = {},
): DryRun {
  const valid = targets.filter((t) => t.errors.length === 0);
  const totals: Partial<Record<AssetGroup, GroupTotal>> = {};
  let totalW = 0;
  for (const t of valid) {
    for (const [group, impact] of Object.entries(t.impact) as [AssetGroup, GroupImpact][]) {
      const total = (totals[group] ??= { targets: 0, setpointW: 0, atStakeW: 0 });
      total.targets += 1;
      total.setpointW += impact.setpointW ?? 0;
      total.atStakeW += impact.atStakeW;
      totalW += impact.atStakeW;
    }
  }
  const homes = valid.length;
  return {
    kind: targets[0]?.kind ?? 'live',
    at,
    targets,
    valid: valid.map((t) => t.serial),
    invalid: targets.filter((t) => t.errors.length > 0).map((t) => t.serial),
    homes,
    totals,
    totalW,
    confirmation: requiredConfirmation({ homes, totalW }, options.thresholds),
    blockedBy: options.blockedBy ?? null,
  };
}
