import type { ContractRow, Reconciliation } from '../../shared/domain/fleet/contracts-view';
import type { FleetCounters, FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InboxItem } from '../../shared/domain/fleet/inbox-item';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import type { Installation } from '../../shared/domain/inventory/installation';
import type { CommandRow } from '../../shared/contract/control-methods';
import type { LeaseView } from '../../shared/domain/control/lease';

export const T0 = Date.UTC(2025, 0, 2, 12, 0, 0);

/** One fleet row: a healthy, linked installation unless told otherwise. */
export function fleetRow(overrides: Partial<FleetRow> = {}): FleetRow {
  return {
    serial: 'SG1-0001',
    contractNumber: 'C-1001',
    customerName: 'Ada Lovelace',
    address: 'Kerkstraat 1, 9000 Gent, BE',
    onboarding: 'linked',
    health: 'ok',
    overdue: null,
    errorCount: 0,
    firstError: null,
    lastSeenAt: T0 - 5 * 60_000,
    firstSeenAt: T0 - 86_400_000,
    storageW: 1500,
    solarW: 3200,
    socPct: 64.5,
    underControl: false,
    // Held when the test only says it is under control (the core sets both together).
    control: overrides.underControl === true ? 'held' : 'local',
    localBy: null,
    fallbackSince: null,
    ...overrides,
  };
}

/** Counters as the core would count `rows`. */
export function countersOf(rows: readonly FleetRow[]): FleetCounters {
  const count = (keep: (r: FleetRow) => boolean) => rows.filter(keep).length;
  return {
    installations: rows.length,
    linked: count((r) => r.onboarding === 'linked'),
    pending: count((r) => r.onboarding === 'pending'),
    offboarded: count((r) => r.onboarding === 'offboarded'),
    unhealthy: count((r) => r.health === 'error' || r.health === 'warning'),
    stale: count((r) => r.health === 'stale'),
    unlinked: count((r) => r.contractNumber === null),
    underControl: count((r) => r.underControl),
    inFallback: count((r) => r.fallbackSince !== null),
  };
}

const HEALTHS: FleetRow['health'][] = [
  'ok',
  'ok',
  'ok',
  'warning',
  'ok',
  'unknown',
  'ok',
  'stale',
  'ok',
  'error',
];
const CITIES = ['Gent', 'Antwerpen', 'Brugge', 'Leuven', 'Namur'];

/** `n` varied rows with serials SG1-00000 … */
export function manyRows(n: number): FleetRow[] {
  return Array.from({ length: n }, (_, i) => {
    const linked = i % 7 !== 0;
    const health = HEALTHS[i % HEALTHS.length] ?? 'ok';
    return fleetRow({
      serial: `SG1-${String(i).padStart(5, '0')}`,
      contractNumber: linked ? `C-${10_000 + i}` : null,
      customerName: linked ? `Customer ${i}` : null,
      address: `Street ${i}, ${CITIES[i % CITIES.length]}`,
      onboarding: linked ? 'linked' : 'pending',
      health,
      errorCount: health === 'error' ? 1 : 0,
      firstError: health === 'error' ? 'inverter offline' : null,
    });
  });
}

export function installation(overrides: Partial<Installation> = {}): Installation {
  return {
    serial: 'SG1-0001',
    siteNodeId: 'node-7',
    address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
    devices: [{ type: 'storage', model: 'BYD HVS', nominalPowerW: 5000, capacityWh: 10240 }],
    fallbackTimeoutSeconds: 900,
    requestedContractNumber: 'C-1001',
    onboarding: { state: 'linked', since: T0, contractNumber: 'C-1001' },
    health: {
      status: 'error',
      errors: [{ device: 'inverter', code: 'E42', message: 'Inverter offline' }],
      devices: [],
      at: T0,
      extra: {},
    },
    lastSeen: { health: T0, onboarding: T0 - 3_600_000 },
    firstSeenAt: T0 - 86_400_000,
    notes: [],
    extra: { firmware: '2.4.1' },
    ...overrides,
  };
}

export function installationView(overrides: Partial<InstallationView> = {}): InstallationView {
  const timeline = [3, 2, 1].map((seq) => ({
    seq,
    at: T0 - (4 - seq) * 60_000,
    type: seq === 1 ? 'callback.onboarding' : 'callback.health',
    actor: 'eniris',
    summary: `Event number ${seq}`,
    detail: {},
  }));
  return {
    installation: installation(),
    health: 'error',
    overdue: null,
    contract: {
      contractNumber: 'C-1001',
      customerName: 'Ada Lovelace',
      address: 'Kerkstraat 1, 9000 Gent',
      extra: {},
    },
    links: [
      {
        serial: 'SG1-0001',
        contractNumber: 'C-0999',
        linkedAt: T0 - 7_200_000,
        by: 'auto',
        reason: 'exact match',
        source: { kind: 'callback', ref: 'req-1' },
        ended: {
          at: T0 - 3_600_000,
          by: 'Grace',
          reason: 'wrong customer',
          source: { kind: 'operator', ref: 'op-1' },
        },
      },
      {
        serial: 'SG1-0001',
        contractNumber: 'C-1001',
        linkedAt: T0 - 3_600_000,
        by: 'Grace',
        reason: 'customer confirmed by phone',
        source: { kind: 'operator', ref: 'op-2' },
      },
    ],
    timeline,
    timelineTotal: 12,
    timelineComplete: true,
    lastFeedbackAt: null,
    ...overrides,
  };
}

export function inboxItem(overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    serial: 'SG1-0500',
    kind: 'onboarding',
    calls: 3,
    callsComplete: true,
    firstAt: T0 - 600_000,
    lastAt: T0,
    lastCallSeq: 41,
    requestedContractNumber: 'C-2002',
    address: 'Veldstraat 9, 9000 Gent',
    devices: [{ type: 'solar', nominalPowerW: 4000 }],
    flags: ['contract-linked-elsewhere', 'address-differs'],
    clearMatch: false,
    suggestions: [
      {
        contractNumber: 'C-2002',
        customerName: 'Grace Hopper',
        kind: 'exact',
        address: 'differs',
        linkedTo: 'SG1-0777',
      },
      {
        contractNumber: 'C-2020',
        customerName: 'Alan Turing',
        kind: 'typo',
        address: 'agrees',
        linkedTo: null,
      },
    ],
    lastBody: { serialNumber: 'SG1-0500', contractNumber: 'C-2002', firmware: 'x' },
    ...overrides,
  };
}

export function contractRow(overrides: Partial<ContractRow> = {}): ContractRow {
  return {
    contractNumber: 'C-1001',
    customerName: 'Ada Lovelace',
    address: 'Kerkstraat 1, 9000 Gent',
    extra: {},
    linkedSerial: 'SG1-0001',
    ...overrides,
  };
}

export const EMPTY_RECONCILIATION: Reconciliation = {
  contractedNotOnboarded: [],
  onboardedNeverHeard: [],
  onboardedNeverOnMqtt: [],
  onboardedWithoutContract: [],
  brokerConnected: true,
};

/** A lease Fleetdesk holds on SG1-0001's storage, lapsing in 5 minutes. */
export function leaseView(overrides: Partial<LeaseView> = {}): LeaseView {
  const lapsesAt = overrides.lapsesAt ?? Date.now() + 300_000;
  return {
    serial: 'SG1-0001',
    groups: ['storage'],
    commandIds: ['c1'],
    held: true,
    status: 'held',
    fallbackS: 60,
    refreshEveryMs: 20_000,
    lastDeliveredAt: lapsesAt - 60_000,
    lapsesAt,
    refreshes: 7,
    refused: 0,
    ...overrides,
  };
}

/** A held storage command to SG1-0001, sent a second ago. */
export function commandRow(overrides: Partial<CommandRow> = {}): CommandRow {
  return {
    commandId: 'c1',
    serial: 'SG1-0001',
    groups: ['storage'],
    command: { storage: { policy: 'setpoint', setpointW: 2500 } },
    hold: true,
    state: 'sent',
    detail: null,
    createdAt: Date.now() - 1000,
    actor: 'op',
    topic: 't',
    payload: '{}',
    ...overrides,
  };
}
