import { fail, ok, type MethodName, type RequestOf, type Result } from '../../shared/contract';
import {
  controlMethods,
  type CommandRow,
  type ControlOverview,
  type LinkView,
} from '../../shared/contract/control-methods';
import type { DryRun } from '../../shared/domain/control/dry-run';
import type { LeaseView } from '../../shared/domain/control/lease';
import { noFeedbackCounts } from '../../shared/domain/live/feedback-counts';

export interface ControlOptions {
  link?: Partial<LinkView>;
  commands?: CommandRow[];
  leases?: LeaseView[];
  atRisk?: ControlOverview['atRisk'];
  /** Serials the dry-run reports an error for. */
  badSerials?: string[];
  /** Above this many valid targets the dry-run asks for the typed number of homes. */
  confirmAbove?: number;
}

export type ControlState = Omit<ControlOverview, 'link'> & {
  link: LinkView;
  badSerials: string[];
  confirmAbove: number;
};

export const CONNECTED: LinkView = {
  state: 'connected',
  url: 'mqtt://broker.test:1883',
  since: Date.now() - 60_000,
  protocolVersion: 5,
  lastError: null,
  reconnects: 2,
  latencyMs: 14,
  subscriptions: { total: 3, confirmed: 3, refused: [] },
  feedback: noFeedbackCounts(Date.now() - 60_000),
};

export function controlState(o: ControlOptions): ControlState {
  return {
    link: { ...CONNECTED, ...o.link },
    commands: [...(o.commands ?? [])],
    leases: [...(o.leases ?? [])],
    atRisk: [...(o.atRisk ?? [])],
    badSerials: o.badSerials ?? [],
    confirmAbove: o.confirmAbove ?? 10,
  };
}

type ControlMethod = keyof typeof controlMethods & MethodName;
export const isControlMethod = (m: MethodName): m is ControlMethod => Object.hasOwn(controlMethods, m);

function dryRunOf(s: ControlState, r: RequestOf<'control.dryRun'>): DryRun {
  const targets = r.serials.map((serial) => {
    const bad = s.badSerials.includes(serial);
    return {
      serial,
      kind: 'live' as const,
      message: bad ? null : { topic: `smartgridone/${serial}/command`, payload: JSON.stringify(r.command) },
      errors: bad ? ['storage setpoint exceeds the site limit'] : [],
      warnings: [],
      impact: {},
      lease: r.hold ? { fallbackS: 60, refreshEveryMs: 20_000, validUntil: Date.now() + 25_000 } : null,
    };
  });
  const valid = targets.filter((t) => t.errors.length === 0).map((t) => t.serial);
  const atStakeW = Math.abs(r.command.storage?.setpointW ?? 0) * valid.length;
  return {
    kind: 'live',
    at: Date.now(),
    targets,
    valid,
    invalid: targets.filter((t) => t.errors.length > 0).map((t) => t.serial),
    homes: valid.length,
    totals: r.command.storage ? { storage: { targets: valid.length, setpointW: atStakeW, atStakeW } } : {},
    totalW: atStakeW,
    confirmation:
      valid.length > s.confirmAbove
        ? { kind: 'typed-homes', homes: valid.length, why: `${valid.length} homes` }
        : { kind: 'none' },
    blockedBy: s.link.state === 'connected' ? null : 'the broker link is down',
  };
}

/** In-memory live control: a link that connects on request, dry-runs, a journal and leases. */
export function handleControl(
  s: ControlState,
  method: ControlMethod,
  request: unknown,
  emit: (event: 'control.changed', payload: { at: number }) => void,
): Result<unknown> {
  const changed = () => emit('control.changed', { at: Date.now() });
  switch (method) {
    case 'control.overview':
      return ok({ link: s.link, commands: s.commands, leases: s.leases, atRisk: s.atRisk });
    case 'control.installation': {
      const { serial } = request as RequestOf<'control.installation'>;
      return ok({
        linkState: s.link.state,
        lease: s.leases.find((l) => l.serial === serial) ?? null,
        commands: s.commands
          .filter((c) => c.serial === serial)
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice(0, 20),
      });
    }
    case 'broker.connect':
      s.link = { ...CONNECTED, url: (request as RequestOf<'broker.connect'>).url, since: Date.now() };
      changed();
      return ok(s.link);
    case 'broker.disconnect':
      s.link = { ...s.link, state: 'stopped', since: null };
      changed();
      return ok(s.link);
    case 'control.dryRun':
      return ok(dryRunOf(s, request as RequestOf<'control.dryRun'>));
    case 'control.send': {
      const r = request as RequestOf<'control.send'>;
      const d = dryRunOf(s, r);
      if (d.blockedBy) return ok({ ok: false, code: 'blocked', reason: d.blockedBy });
      if (d.confirmation.kind === 'typed-homes' && r.typedHomes !== d.confirmation.homes) {
        return ok({ ok: false, code: 'confirmation', reason: 'the typed number of homes does not match' });
      }
      for (const serial of d.valid) {
        s.commands.push({
          commandId: `cmd-${s.commands.length + 1}`,
          serial,
          groups: Object.keys(r.command),
          command: r.command,
          hold: r.hold,
          state: 'sent',
          detail: null,
          createdAt: Date.now(),
          actor: 'operator',
          ...d.targets.find((t) => t.serial === serial)!.message!,
        });
      }
      changed();
      return ok({
        ok: true,
        sent: d.valid.length,
        failed: d.invalid.map((serial) => ({ serial, reason: 'failed the checks' })),
      });
    }
    case 'control.release': {
      const { serial } = request as RequestOf<'control.release'>;
      // As the core: no release message exists, so a released lease stays listed as releasing until
      // its fallback timeout runs out; one not delivered yet (no time) is simply gone.
      const hit = (l: LeaseView) => l.status !== 'releasing' && (serial === 'all' || l.serial === serial);
      // Its live commands end too (a draft is never sent), lease or not: the core counts every one.
      const live = (c: CommandRow) =>
        (serial === 'all' || c.serial === serial) &&
        ['draft', 'sent', 'accepted', 'confirmed'].includes(c.state);
      const released = new Set([...s.leases.filter(hit), ...s.commands.filter(live)].map((x) => x.serial))
        .size;
      s.leases = s.leases.flatMap((l): LeaseView[] =>
        !hit(l) ? [l] : l.lapsesAt === null ? [] : [{ ...l, status: 'releasing', held: false }],
      );
      s.commands = s.commands.map((c) =>
        !live(c) ? c : { ...c, state: c.state === 'draft' ? 'failed' : 'released' },
      );
      changed();
      return ok({ released });
    }
    default:
      return fail('unknown-method', `the fake API does not implement ${method}`);
  }
}
