import { afterEach, describe, expect, it } from 'vitest';
import { ContractService } from '../../electron/core/contracts/contract-service';
import { ContractMatcher } from '../../electron/core/onboarding/contract-matcher';
import { CoreEvents } from '../../electron/core/events';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { tempDir } from '../support/temp-dir';
import {
  commandCreatedDraft,
  commandOutcomeDraft,
  healthDraft,
  onboardingDraft,
} from '../inventory/fixtures/drafts';
import { openInventory } from '../inventory/fixtures/open-inventory';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const seenOnMqtt = (serial: string, at: number): JournalDraft => ({
  type: 'signal.seen',
  at,
  actor: 'live',
  serial,
  signal: 'mqtt',
});

describe('reconciliation', () => {
  it('lists controllers never heard from, and those never seen on MQTT whatever their health calls', async () => {
    const dir = tempDir('fleetdesk-reconcile-');
    dirs.push(dir);
    const { inventory, clock } = await openInventory(dir.path);
    await inventory.commit(['S1', 'S2', 'S3', 'S4'].map((serial, i) => onboardingDraft(serial, i + 1)));
    // S1 says nothing; S2 calls the listener only; S3 sends feedback; S4 confirmed a command.
    await inventory.commit([
      healthDraft('S2', 10),
      seenOnMqtt('S3', 11),
      commandCreatedDraft('c1', 'S4', 12),
    ]);
    await inventory.commit([commandOutcomeDraft('c1', 'S4', 13, 'confirmed')]);
    const service = new ContractService({
      inventory,
      matcher: new ContractMatcher(inventory),
      clock,
      events: new CoreEvents(),
      operator: () => 'Ada',
      brokerConnected: () => true,
    });
    const lists = service.reconcile();
    expect(lists.onboardedNeverHeard).toEqual(['S1']);
    expect(lists.onboardedNeverOnMqtt).toEqual(['S1', 'S2']);
    await inventory.close();
  });
});
