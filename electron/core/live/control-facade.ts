import type { BrokerDiagnostics } from '../broker/broker-port';
import type { BrokerLink } from '../broker/broker-link';
import type { ControlService, CommandView } from '../control';
import type {
  CommandRow,
  ControlOverview,
  InstallationControl,
  LinkView,
} from '../../../shared/contract/control-methods';
import type { LiveCommand } from '../../../shared/domain/control/live-command';
import type { FeedbackCounts } from '../../../shared/domain/live/feedback-counts';
import { ApiFailure } from '../api/dispatch';

/** Keeps the Control page's list bounded: the newest commands only, the page says so. */
const MAX_COMMANDS = 200;

/** The link in the words and figures the Control page shows, with what its feedback was worth. */
export function linkView(d: BrokerDiagnostics, feedback: FeedbackCounts): LinkView {
  const s = d.state;
  return {
    state: s.kind,
    url: 'url' in s && typeof s.url === 'string' ? s.url : null,
    since: 'since' in s ? s.since : null,
    protocolVersion: s.kind === 'connected' ? s.protocolVersion : null,
    lastError: d.lastError ?? null,
    reconnects: d.reconnects,
    latencyMs: d.latencyMs ?? null,
    subscriptions: d.subscriptions,
    feedback,
  };
}

function commandRow(c: CommandView): CommandRow {
  const detail =
    'detail' in c.state && typeof c.state.detail === 'string' ? c.state.detail : (c.waiting ?? null);
  return {
    commandId: c.commandId,
    serial: c.serial,
    groups: c.groups,
    command: c.command,
    hold: c.hold,
    state: c.state.state,
    detail,
    createdAt: c.createdAt,
    actor: c.actor,
    topic: c.topic,
    payload: c.payload,
  };
}

/** The Control page's whole picture in one answer. */
export function controlOverview(
  link: BrokerLink,
  control: ControlService,
  feedback: FeedbackCounts,
): ControlOverview {
  const commands = control
    .commands()
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, MAX_COMMANDS)
    .map(commandRow);
  return {
    link: linkView(link.diagnostics(), feedback),
    commands,
    leases: control.leases(),
    atRisk: control.leasesAtRisk(),
  };
}

/** Commands of one installation its page lists; the Control page and Activity have the rest. */
const MAX_INSTALLATION_COMMANDS = 20;

/** One installation's control for its page: the link state, its lease, its newest commands. */
export function installationControl(
  link: BrokerLink,
  control: ControlService,
  serial: string,
): InstallationControl {
  return {
    linkState: link.diagnostics().state.kind,
    lease: control.lease(serial) ?? null,
    commands: control
      .commands(serial)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, MAX_INSTALLATION_COMMANDS)
      .map(commandRow),
  };
}

/** Sends after the core's own checks (link up, valid targets, reason, typed confirmation). */
export async function sendCommand(
  control: ControlService,
  request: {
    serials: string[];
    command: LiveCommand;
    hold: boolean;
    reason?: string | undefined;
    typedHomes?: number | undefined;
  },
) {
  const result = await control.send(
    request.serials,
    { kind: 'live', command: request.command, hold: request.hold },
    {
      ...(request.reason !== undefined && { reason: request.reason }),
      ...(request.typedHomes !== undefined && { confirmation: { typedHomes: request.typedHomes } }),
    },
  );
  if (!result.ok) return { ok: false as const, code: result.code, reason: result.reason };
  const failed = result.results.flatMap((r) => (r.ok ? [] : [{ serial: r.serial, reason: r.reason }]));
  return { ok: true as const, sent: result.results.length - failed.length, failed };
}

/** A target that is not in the inventory cannot be controlled; say so instead of sending blind. */
export function assertKnown(serials: readonly string[], known: (serial: string) => boolean): void {
  const unknown = serials.filter((s) => !known(s));
  if (unknown.length > 0)
    throw new ApiFailure(
      'not-found',
      `Unknown installations: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`,
    );
}
