/**
 * Onboarding calls of one controller that arrive together are committed in one journal batch, so
 * each finds the controller pending once its own call is durable. The service must still make one
 * automatic link, and a delivery of an event that another delivery recorded first must have no
 * effect. Deterministic: the calls go to the service directly, started in one turn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ContractMatcher } from '../../electron/core/onboarding/contract-matcher';
import { OnboardingService } from '../../electron/core/onboarding/onboarding-service';
import type { Inventory } from '../../electron/core/inventory/inventory';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import type { CallbackRecord } from '../../shared/protocol/listener';
import { openInventory } from '../inventory/fixtures/open-inventory';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';

const newDir = tempDirsPerTest('fleetdesk-concurrent-onboarding-');
const opened: Inventory[] = [];
afterEach(async () => {
  for (const inventory of opened.splice(0)) await inventory.close();
});

const home = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' };
const contracts = [
  { contractNumber: 'C-2026-0001', customerName: 'An Peeters', address: home, extra: {} },
  {
    contractNumber: 'C-2026-0002',
    customerName: 'Bart Claes',
    address: { street: 'Veldstraat 10', postalCode: '9000', city: 'Gent' },
    extra: {},
  },
];

type CallOptions = { contractNumber?: string; address?: typeof home; idempotencyKey?: string };

/** An onboarding call as the listener hands it over; `idempotencyKey` as the header, if sent. */
function onboardingCall(
  serial: string,
  eventId: string,
  { contractNumber = 'C-2026-0001', address = home, idempotencyKey }: CallOptions = {},
): CallbackRecord {
  const body = { serialNumber: serial, contractNumber, address, eventId };
  return {
    kind: 'onboarding',
    body,
    serial,
    eventId,
    receivedAt: new Date().toISOString(),
    tokenId: 'tok-integration',
    remoteAddress: '127.0.0.1',
    raw: {
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
      },
      body: JSON.stringify(body),
    },
  };
}

async function serviceWithContracts() {
  const { inventory, clock } = await openInventory(newDir());
  opened.push(inventory);
  await inventory.commit([
    { type: 'contract.imported', at: Date.now(), actor: 'Ann', origin: 'contracts.csv', contracts },
  ]);
  const service = new OnboardingService({
    inventory,
    matcher: new ContractMatcher(inventory),
    settings: () => DEFAULT_SETTINGS,
    clock,
  });
  return { inventory, service };
}

describe('onboarding calls of one controller received together', () => {
  it('two calls, each its own event, make one automatic link', async () => {
    const { inventory, service } = await serviceWithContracts();
    await Promise.all([
      service.receive(onboardingCall('SG1-000001', 'evt-a')),
      service.receive(onboardingCall('SG1-000001', 'evt-b')),
    ]);
    const links = inventory.linkHistory('SG1-000001');
    expect(links).toMatchObject([{ contractNumber: 'C-2026-0001', by: 'auto' }]);
    // Not one of several links, each replaced by the next.
    expect(links[0]?.ended).toBeUndefined();
    expect(inventory.getInstallation('SG1-000001')?.onboarding.state).toBe('linked');
  });

  it('one event delivered 5 times at once, each under its own Idempotency-Key, has one effect', async () => {
    const { inventory, service } = await serviceWithContracts();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        service.receive(onboardingCall('SG1-000002', 'evt-1', { idempotencyKey: `attempt-${i}` })),
      ),
    );
    expect(inventory.linkHistory('SG1-000002')).toMatchObject([
      { contractNumber: 'C-2026-0001', by: 'auto' },
    ]);
    // Every delivery is kept as evidence.
    const journaled = await inventory.timeline('SG1-000002', { types: ['callback.onboarding'] });
    expect(journaled).toHaveLength(5);
  });

  it('does not hold up other controllers: each links to its own contract', async () => {
    const { inventory, service } = await serviceWithContracts();
    const veldstraat = {
      contractNumber: 'C-2026-0002',
      address: { street: 'Veldstraat 10', postalCode: '9000', city: 'Gent' },
    };
    await Promise.all([
      service.receive(onboardingCall('SG1-000003', 'evt-a')),
      service.receive(onboardingCall('SG1-000004', 'evt-a', veldstraat)),
      service.receive(onboardingCall('SG1-000003', 'evt-b')),
    ]);
    expect(inventory.linkHistory('SG1-000003')).toMatchObject([{ contractNumber: 'C-2026-0001' }]);
    expect(inventory.linkHistory('SG1-000004')).toMatchObject([{ contractNumber: 'C-2026-0002' }]);
  });
});
