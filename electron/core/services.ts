import { join } from 'node:path';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { Inventory } from './inventory/inventory';
import { ContractMatcher } from './onboarding/contract-matcher';
import { OnboardingService } from './onboarding/onboarding-service';
import { inboxItems } from './onboarding/inbox-view';
import { FleetView } from './fleet/fleet-view';
import {
  keepLearnedPeriods,
  LEARNED_PERIODS_FILE,
  LearnedPeriodsWriter,
  readLearnedPeriods,
} from './fleet/learned-periods-file';
import { ContractService } from './contracts/contract-service';
import { DataService } from './data/data-service';
import { TokenRegistry } from './tokens/token-registry';
import { ChangeFeed } from './notify/change-feed';
import { SettingsService } from './settings/settings-service';
import type { NoticeBoard } from './notices/notice-board';
import type { CoreEvents } from './events';
import type { CoreDeps } from './create-core';
import { BrokerLink } from './broker/broker-link';
import { clientIdFor } from './broker/client-id';
import { ControlService } from './control';
import { LEASE_MARKS_FILE, LeaseMarksWriter, readLeaseMarks } from './control/restart-recovery';
import { LiveValues } from './live/live-values';
import { SeenJournal } from './live/seen-journal';
import { ActivityService } from './activity/activity-service';
import { PastRolloutsReader } from './control/past-rollouts-reader';
import { DEFAULT_PROFILE } from '../../shared/protocol/profile';
import { memorySecretStore, type SecretStore } from './secrets/secret-store';
import { connectActiveProfile } from './broker/broker-profiles';
import type { Clock } from './clock';
import type { Logger } from './logger';

/** Every service of a started core. */
export type Services = {
  settings: SettingsService;
  tokens: TokenRegistry;
  inventory: Inventory;
  matcher: ContractMatcher;
  onboarding: OnboardingService;
  fleet: FleetView;
  contracts: ContractService;
  data: DataService;
  feed: ChangeFeed;
  broker: BrokerLink;
  control: ControlService;
  live: LiveValues;
  activity: ActivityService;
  /** Rollouts of earlier runs, rebuilt from the journal for the Control page. */
  pastRollouts: PastRolloutsReader;
  /** Passwords typed in the Control page for this run only (never written to disk). */
  sessionSecrets: Map<string, string>;
  /** What the broker and settings handlers need beyond the services: the secret store, clock, log, client id. */
  support: { secrets: SecretStore; clock: Clock; log: Logger; clientId: string };
  operator: () => string;
  close(): Promise<void>;
};

/**
 * Opens the data files and builds the services in dependency order. Journal commits fan out to
 * the fleet rows and the change feed once they are durable.
 */
export async function openServices(
  deps: CoreDeps,
  events: CoreEvents,
  notices: NoticeBoard,
): Promise<Services> {
  const pathOf = (name: string) => join(deps.dataDir, `${name}.json`);
  const base = { events, notices, clock: deps.clock };
  const settings = SettingsService.load(deps.openStore, pathOf, base);
  const tokens = TokenRegistry.open(deps.openStore, pathOf, base);
  // Named for where it came from: the Activity page and timelines show this label for its calls.
  const suppliedTokenLabel = deps.demo
    ? 'demo fleet (simulated controllers)'
    : 'command line (--listener-token)';
  if (deps.listenerToken) {
    const revoked = tokens.ensure(deps.listenerToken, suppliedTokenLabel, {
      revokeOthersLabelled: deps.demo === true,
    });
    if (revoked)
      notices.add({
        level: 'warning',
        title: 'The --listener-token given at start is revoked',
        detail: `That token was revoked in Settings on ${revoked.revokedAt.slice(0, 16).replace('T', ' ')} UTC; calls that carry it are refused. Create a new token in Settings (or pass a new --listener-token) and give it to the controllers or the script.`,
      });
  }
  let fanOut: (entries: JournalEntry[]) => void = () => undefined;
  let archived: (lastSegment: number) => void = () => undefined;
  const inventory = await Inventory.open({
    dataDir: deps.dataDir,
    openStore: deps.openStore,
    clock: deps.clock,
    log: deps.log.child({ module: 'inventory' }),
    notices,
    onCommitted: (entries) => fanOut(entries),
    onArchived: (segments) => archived(segments.at(-1)?.segment ?? 0),
    retention: () => ({
      onlineDays: settings.get().journalOnlineDays,
      maxOnlineBytes: settings.get().journalOnlineMiB * 1024 * 1024,
    }),
  });
  const operator = () => settings.get().operatorName.trim() || 'operator';
  const matcher = new ContractMatcher(inventory);
  const onboarding = new OnboardingService({
    inventory,
    matcher,
    settings: () => settings.get(),
    clock: deps.clock,
  });
  const sessionSecrets = new Map<string, string>();
  const secrets = deps.secrets ?? memorySecretStore();
  const clientId = await clientIdFor(deps.dataDir);
  let leasesAtRisk = (): boolean => false;
  const broker = new BrokerLink({
    clock: deps.clock,
    log: deps.log.child({ module: 'broker' }),
    secrets: { get: async (name) => sessionSecrets.get(name) ?? (await secrets.get(name)) },
    clientId,
    // Control is made below, once the link exists; until then nothing is held.
    leasesAtRisk: () => leasesAtRisk(),
  });
  // Read per use, so a saved change applies to the next message and command (see api/settings-update.ts).
  const profile = () => settings.get().protocolProfile ?? DEFAULT_PROFILE;
  const seenJournal = new SeenJournal({
    commit: (drafts) => inventory.commit(drafts),
    clock: deps.clock,
    log: deps.log.child({ module: 'live' }),
  });
  const live = new LiveValues({
    broker,
    profile,
    clock: deps.clock,
    log: deps.log.child({ module: 'live' }),
    // Called only for feedback, which needs the link that is connected below, after `fleet` exists.
    onReading: (serial) => fleet.touch(serial),
    onSeen: (serial, at) => seenJournal.seen(serial, at),
    // Malformed feedback shows in the Control page's link panel, refreshed with the same 4×/s batch.
    onProblem: () => controlChanged(),
    isKnown: (serial) => inventory.getInstallation(serial) !== undefined,
    devicesOf: (serial) => inventory.getInstallation(serial)?.devices,
    siteNodeIdOf: (serial) => inventory.getInstallation(serial)?.siteNodeId,
    seenDurableAt: (serial) => inventory.getInstallation(serial)?.lastSeen.mqtt,
  });
  const periodsPath = join(deps.dataDir, LEARNED_PERIODS_FILE);
  const fleetLog = deps.log.child({ module: 'fleet' });
  const fleet = new FleetView({
    inventory,
    settings: () => settings.get(),
    clock: deps.clock,
    events,
    learnedHealthPeriods: await readLearnedPeriods(periodsPath, fleetLog),
    live: (serial) => live.get(serial),
    linkUpSince: () => {
      const state = broker.state();
      return state.kind === 'connected' ? state.since : undefined;
    },
  });
  const learnedPeriods = keepLearnedPeriods(
    () => fleet.learnedHealthPeriods(),
    new LearnedPeriodsWriter(periodsPath, fleetLog),
    deps.clock,
  );
  // EC-3: the lease marks say when each lease was last delivered, for the recovery after a restart.
  const marksPath = join(deps.dataDir, LEASE_MARKS_FILE);
  const controlLog = deps.log.child({ module: 'control' });
  const previousMarks = await readLeaseMarks(marksPath, controlLog);
  const leaseMarks = new LeaseMarksWriter(marksPath, controlLog);
  const control = new ControlService({
    broker,
    profile,
    inventory,
    commit: (drafts) => inventory.commit(drafts),
    clock: deps.clock,
    log: controlLog,
    operator,
    // What the operator set on the installation page wins over onboarding's value; a change re-plans
    // held leases at once (control-service.ts CHANGES_CONTROL, through fanOut below).
    fallbackOverride: (serial) => inventory.getInstallation(serial)?.fallbackTimeoutOverride?.seconds,
    onRefreshSending: (serial, at, fallbackS) => leaseMarks.sent(serial, at, fallbackS),
    limits: () => {
      const c = settings.get().control;
      return {
        globalPerSecond: c.publishesPerSecond,
        thresholds: { homes: c.confirmAboveHomes, totalW: c.confirmAboveKw * 1000 },
      };
    },
    ...(deps.control !== undefined ? { options: deps.control } : {}),
  });
  leasesAtRisk = () => control.leasesAtRisk().length > 0;
  // End what the previous run left in force or unsettled before the UI can list it.
  await control.recoverAfterRestart(inventory.openCommands(), previousMarks);
  control.on((event) => leaseMarks.onEvent(event));
  let controlTimer: unknown;
  // Commands, leases and the link change many times a second under bulk sends: tell the UI at most 4×/s.
  const controlChanged = () => {
    controlTimer ??= deps.clock.setTimeout(() => {
      controlTimer = undefined;
      events.emit('control.changed', { at: deps.clock.now() });
    }, 250);
  };
  control.on(controlChanged);
  // The link panel (on the Control page) also shows subscriptions confirmed and the latency,
  // which change after the link's state does: a restore or a ping finishing.
  const offLinkChange = broker.onChange(controlChanged);
  // The fleet table shows which installations are under control (held, unheld or releasing).
  control.on((event) => {
    if (event.type === 'leases') fleet.leasesChanged(event.leases);
  });
  // Restart recovery may already list controllers still following the previous run's commands.
  fleet.leasesChanged(control.leases());
  void live.watch(inventory.listInstallations().map((i) => i.serial));
  const contracts = new ContractService({
    inventory,
    matcher,
    clock: deps.clock,
    events,
    operator,
    brokerConnected: () => broker.state().kind === 'connected',
  });
  const data = new DataService({
    dataDir: deps.dataDir,
    inventory,
    clock: deps.clock,
    operator,
    events,
    healthOf: (serial) => fleet.health(serial),
  });
  const feed = new ChangeFeed({
    events,
    clock: deps.clock,
    log: deps.log,
    refreshInbox: async () => events.emit('inbox.changed', await inboxItems(inventory, matcher)),
  });
  // The inbox is built without waiting for the older journal segments after a start; once they
  // are checked and indexed (which is when all problems are known), pages get the whole call counts.
  void inventory.allProblems().then(() => feed.inboxChanged());
  const activity = new ActivityService({
    journalDir: join(deps.dataDir, 'journal'),
    durableSeq: () => inventory.seq,
    events,
    clock: deps.clock,
  });
  const pastRollouts = new PastRolloutsReader((types, since) => activity.entriesOfTypes(types, since));
  archived = (lastSegment) => activity.archived(lastSegment);
  fanOut = (entries) => {
    activity.onCommitted(entries);
    if (entries.some((e) => e.type === 'contract.imported' || e.type === 'backup.restored'))
      matcher.invalidate();
    if (entries.some((e) => e.type === 'backup.restored')) pastRollouts.invalidate();
    fleet.onCommitted(entries);
    feed.onCommitted(entries);
    // A restore brings a whole inventory at once: watch every installation in it, as a start does.
    // (Those it removed keep their subscription until the next start; their feedback is refused as unknown.)
    const toWatch = entries.some((e) => e.type === 'backup.restored')
      ? inventory.listInstallations().map((i) => i.serial)
      : entries.filter((e) => e.type === 'callback.onboarding').map((e) => e.serial);
    if (toWatch.length > 0) void live.watch(toWatch);
    control.onInventoryChanged(entries);
  };
  if (deps.broker) await broker.connect(deps.broker);
  else connectActiveProfile({ settings, secrets, broker, log: deps.log.child({ module: 'broker' }) });
  return {
    settings,
    tokens,
    inventory,
    matcher,
    onboarding,
    fleet,
    contracts,
    data,
    feed,
    broker,
    control,
    live,
    activity,
    pastRollouts,
    sessionSecrets,
    support: { secrets, clock: deps.clock, log: deps.log, clientId },
    operator,
    async close() {
      await feed.stop();
      activity.stop();
      fleet.stop();
      await learnedPeriods.stop();
      control.stop();
      leaseMarks.stop();
      live.stop();
      await seenJournal.close();
      // Before the disconnect, whose reset of the subscriptions would arm the panel's timer again.
      offLinkChange();
      deps.clock.clearTimeout(controlTimer);
      await broker.disconnect();
      await inventory.close();
    },
  };
}
