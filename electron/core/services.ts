import { join } from 'node:path';
import type { JournalEntry } from '../../shared/domain/inventory/journal-entry';
import { Inventory } from './inventory/inventory';
import { ContractMatcher } from './onboarding/contract-matcher';
import { OnboardingService } from './onboarding/onboarding-service';
import { inboxItems } from './onboarding/inbox-view';
import { FleetView } from './fleet/fleet-view';
import { ContractService } from './contracts/contract-service';
import { DataService } from './data/data-service';
import { TokenRegistry } from './tokens/token-registry';
import { ChangeFeed } from './notify/change-feed';
import { SettingsService } from './settings/settings-service';
import type { NoticeBoard } from './notices/notice-board';
import type { CoreEvents } from './events';
import type { CoreDeps } from './create-core';

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
  operator: () => string;
  close(): Promise<void>;
};

/**
 * Opens the data files and builds the services in dependency order. Journal commits fan out to
 * the fleet rows and the change feed once they are durable.
 */
export async function openServices(deps: CoreDeps, events: CoreEvents, notices: NoticeBoard): Promise<Services> {
  const pathOf = (name: string) => join(deps.dataDir, `${name}.json`);
  const base = { events, notices, clock: deps.clock };
  const settings = SettingsService.load(deps.openStore, pathOf, base);
  const tokens = TokenRegistry.open(deps.openStore, pathOf, base);
  if (deps.listenerToken) tokens.ensure(deps.listenerToken, 'command line (--listener-token)');
  let fanOut: (entries: JournalEntry[]) => void = () => undefined;
  const inventory = await Inventory.open({
    dataDir: deps.dataDir,
    openStore: deps.openStore,
    clock: deps.clock,
    log: deps.log.child({ module: 'inventory' }),
    notices,
    onCommitted: (entries) => fanOut(entries),
  });
  const operator = () => settings.get().operatorName.trim() || 'operator';
  const matcher = new ContractMatcher(inventory);
  const onboarding = new OnboardingService({ inventory, matcher, settings: () => settings.get(), clock: deps.clock });
  const fleet = new FleetView({ inventory, settings: () => settings.get(), clock: deps.clock, events });
  const contracts = new ContractService({ inventory, matcher, clock: deps.clock, operator });
  const data = new DataService({ dataDir: deps.dataDir, inventory, clock: deps.clock, operator });
  const feed = new ChangeFeed({
    events,
    clock: deps.clock,
    log: deps.log,
    refreshInbox: async () => events.emit('inbox.changed', await inboxItems(inventory, matcher)),
  });
  fanOut = (entries) => {
    if (entries.some((e) => e.type === 'contract.imported' || e.type === 'backup.restored')) matcher.invalidate();
    fleet.onCommitted(entries);
    feed.onCommitted(entries);
  };
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
    operator,
    async close() {
      await feed.stop();
      fleet.stop();
      await inventory.close();
    },
  };
}
