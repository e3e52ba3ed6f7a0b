import Papa from 'papaparse';
import { SAFE_CSV_OPTIONS } from '../../../shared/domain/csv/safe-csv';
import type { Contract } from '../../../shared/domain/inventory/contract';
import type { Address, Device, Installation } from '../../../shared/domain/inventory/installation';

/*
 * CSV through papaparse: it quotes commas, quotes and line breaks per RFC 4180; SAFE_CSV_OPTIONS
 * keeps cells that start like a formula inert (addresses and names are untrusted text).
 */
const OPTIONS = { ...SAFE_CSV_OPTIONS, header: true } as const;

/** One line for an address, structured or not. */
export function formatAddress(address: Address | null): string {
  if (address === null) return '';
  if (typeof address === 'string') return address;
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.street, cityLine, address.country].filter(Boolean).join(', ');
}

function formatDevices(devices: readonly Device[]): string {
  return devices
    .map((d) =>
      [
        d.type,
        d.nominalPowerW !== undefined ? `${d.nominalPowerW} W` : '',
        d.capacityWh !== undefined ? `${d.capacityWh} Wh` : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join('; ');
}

const iso = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '' : new Date(ms).toISOString();

/**
 * Installations as CSV, one row each; `contractOf` gives the contract linked to a serial, and
 * `healthOf` the health the Fleet page shows (stale included), so both exports agree.
 */
export function installationsCsv(
  installations: readonly Installation[],
  contractOf: (serial: string) => string | undefined,
  healthOf: (serial: string) => string | undefined,
): string {
  const rows = installations.map((i) => ({
    serial: i.serial,
    siteNodeId: i.siteNodeId ?? '',
    address: formatAddress(i.address),
    devices: formatDevices(i.devices),
    fallbackTimeoutSeconds: i.fallbackTimeoutSeconds ?? '',
    // The operator's value, which control uses instead of onboarding's when set.
    fallbackTimeoutSetByOperatorSeconds: i.fallbackTimeoutOverride?.seconds ?? '',
    onboarding: i.onboarding.state,
    contractNumber: contractOf(i.serial) ?? '',
    requestedContractNumber: i.requestedContractNumber ?? '',
    health: healthOf(i.serial) ?? i.health.status,
    lastReportedHealth: i.health.status,
    healthErrors: i.health.errors
      .map((e) => [e.device, e.code, e.message].filter(Boolean).join(' '))
      .join('; '),
    lastHealthAt: iso(i.lastSeen.health),
    lastOnboardingAt: iso(i.lastSeen.onboarding),
    lastMqttAt: iso(i.lastSeen.mqtt),
    lastCommandAt: iso(i.lastSeen.command),
    firstSeenAt: iso(i.firstSeenAt),
  }));
  return Papa.unparse(rows.length > 0 ? rows : { fields: INSTALLATION_COLUMNS, data: [] }, OPTIONS);
}

const INSTALLATION_COLUMNS = [
  'serial',
  'siteNodeId',
  'address',
  'devices',
  'fallbackTimeoutSeconds',
  'fallbackTimeoutSetByOperatorSeconds',
  'onboarding',
  'contractNumber',
  'requestedContractNumber',
  'health',
  'lastReportedHealth',
  'healthErrors',
  'lastHealthAt',
  'lastOnboardingAt',
  'lastMqttAt',
  'lastCommandAt',
  'firstSeenAt',
];

/** Contracts as CSV; `serialsOf` gives the serials currently linked to a contract. */
export function contractsCsv(
  contracts: readonly Contract[],
  serialsOf: (contractNumber: string) => string[],
): string {
  const rows = contracts.map((c) => ({
    contractNumber: c.contractNumber,
    customerName: c.customerName,
    address: formatAddress(c.address),
    email: c.email ?? '',
    linkedSerials: serialsOf(c.contractNumber).join('; '),
  }));
  return Papa.unparse(
    rows.length > 0
      ? rows
      : { fields: ['contractNumber', 'customerName', 'address', 'email', 'linkedSerials'], data: [] },
    OPTIONS,
  );
}
