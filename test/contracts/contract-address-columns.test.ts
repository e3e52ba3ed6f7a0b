/**
 * A Belgian CRM export: the street line is called "Adres", the postal code and town have columns of
 * their own. All three must be kept, as the preview shows them, so automatic linking keeps working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { ImportReport } from '../../shared/domain/fleet/contracts-view';
import { parseContractCsv } from '../../shared/domain/fleet/contract-csv';
import { callCore, makeCore } from '../support/core-harness';

const CSV = [
  'Contractnummer;Naam;Adres;Postcode;Gemeente',
  'C-2026-0001;An Peeters;Kerkstraat 1;9000;Gent',
].join('\r\n');
const STORED = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' };
const TOKEN = 'integration-token-for-tests-0001';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

describe('a contract CSV with an address column beside postal code and town columns', () => {
  it('reads the address column as the street and keeps the postal code and town, as the preview shows', () => {
    const { report, contracts } = parseContractCsv(CSV);
    // The mapping the preview shows is the one the rows are read with: "Adres" is the street line.
    expect(report.mapping).toEqual({
      contractNumber: 'Contractnummer',
      customerName: 'Naam',
      street: 'Adres',
      postalCode: 'Postcode',
      city: 'Gemeente',
    });
    expect(contracts[0]?.address).toEqual(STORED);
    expect(report.preview[0]?.address).toEqual(STORED);
  });

  it('keeps them too when the operator maps "Adres" as the one-column address', () => {
    const mapping = {
      contractNumber: 'Contractnummer',
      customerName: 'Naam',
      address: 'Adres',
      postalCode: 'Postcode',
      city: 'Gemeente',
    };
    const { report, contracts } = parseContractCsv(CSV, mapping);
    expect(contracts[0]?.address).toEqual(STORED);
    expect(report.preview[0]?.address).toEqual(STORED);
    expect(contracts[0]?.extra).toEqual({});
  });

  it('beside a street column, reads the address column only for a row whose parts are all empty', () => {
    const csv = [
      'contract;name;street;postal code;city;address',
      'C-1;Ann;Kerkstraat 1;9000;Gent;Kerkstraat 1, 9000 Gent',
      'C-2;Bo;;;;Meir 5, 2000 Antwerpen',
    ].join('\n');
    const { report, contracts } = parseContractCsv(csv);
    expect(report.mapping).toMatchObject({ street: 'street', address: 'address' });
    expect(contracts.map((c) => c.address)).toEqual([STORED, 'Meir 5, 2000 Antwerpen']);
  });

  it('links the exact match with that address by itself', async () => {
    core = makeCore(undefined, TOKEN);
    await core.start();
    const preview = await callCore<ImportReport>(core, 'contracts.preview', {
      csv: CSV,
      fileName: 'crm.csv',
    });
    await callCore(core, 'contracts.import', { csv: CSV, fileName: 'crm.csv' });
    const stored = await callCore<Array<{ address: unknown }>>(core, 'contracts.list');
    expect(stored[0]?.address).toEqual(preview.preview[0]?.address);
    const res = await fetch(`${core.info().listenerUrl}/v1/onboarding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        serialNumber: 'SG1-000001',
        contractNumber: 'C-2026-0001',
        address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
      }),
    });
    expect(res.status).toBe(202);
    const { rows } = await callCore<{ rows: FleetRow[] }>(core, 'fleet.list');
    expect(rows.find((r) => r.serial === 'SG1-000001')).toMatchObject({
      onboarding: 'linked',
      contractNumber: 'C-2026-0001',
    });
  });
});
