import Papa from 'papaparse';
import { SAFE_CSV_OPTIONS } from '../../../shared/domain/csv/safe-csv';
import type { Contract } from '../../../shared/domain/inventory/contract';
import { EXPORT_ONLY_MARK } from '../../../shared/domain/fleet/column-guess';
import { FORMULA_ESCAPE } from '../../../shared/domain/fleet/contract-csv';
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

/** The contract fields, as the import's column guess reads them back. */
const CONTRACT_COLUMNS = [
  'contractNumber',
  'customerName',
  'street',
  'postalCode',
  'city',
  'country',
  'address',
  'email',
] as const;

/** The serials linked to each contract: for reading, never imported (see EXPORT_ONLY_MARK). */
const LINKED_SERIALS = `linkedSerials${EXPORT_ONLY_MARK}`;

/**
 * Contracts as CSV, in the shape the import reads back unchanged: the address as street, postal
 * code, city and country, plus `address` on one line (read back only for a contract stored as one
 * line, whose parts are empty), every column kept in `extra`, and the serials `serialsOf` gives as
 * an export-only column. Cells that start like a formula are defused reversibly (FORMULA_ESCAPE).
 */
export function contractsCsv(
  contracts: readonly Contract[],
  serialsOf: (contractNumber: string) => string[],
): string {
  // Kept even when named like a column above (rows as arrays allow a repeated header): never dropped.
  const extraColumns = [...new Set(contracts.flatMap((c) => Object.keys(c.extra)))];
  const data = contracts.map((c) => {
    const parts = typeof c.address === 'string' ? {} : c.address;
    return [
      c.contractNumber,
      c.customerName,
      parts.street ?? '',
      parts.postalCode ?? '',
      parts.city ?? '',
      parts.country ?? '',
      formatAddress(c.address),
      c.email ?? '',
      ...extraColumns.map((column) => cellText(c.extra[column])),
      serialsOf(c.contractNumber).join('; '),
    ];
  });
  return Papa.unparse(
    { fields: [...CONTRACT_COLUMNS, ...extraColumns, LINKED_SERIALS], data },
    { ...OPTIONS, escapeFormulae: FORMULA_ESCAPE },
  );
}

/** An `extra` value as a cell: imported ones are text; anything else a restore brought is JSON. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
