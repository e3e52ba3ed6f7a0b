import { randomUUID } from 'node:crypto';
import type { CallbackRecord } from '../../../shared/protocol/listener/callback-record';
import type { Settings } from '../../../shared/domain/settings';
import type { JournalDraft, UnattributedDraft } from '../../../shared/domain/inventory/journal-entry';
import type { Inventory } from '../inventory/inventory';
import { ApiFailure } from '../api/dispatch';
import { IdempotencyKeyReused } from '../listener/idempotent-calls';
import type { Clock } from '../clock';
import { callbackDraft } from './callback-draft';
import { assertCardCurrent } from './card-version';
import { reusesKeyForAnotherBody } from './event-key-reuse';
import type { ContractMatcher } from './contract-matcher';
import { linkDrafts, type LinkRequest } from './link-drafts';
import { rejectRefusal } from './settled-words';
import { OneAtATime } from './one-at-a-time';
import {
  otherClearClaimants,
  planClearMatches,
  type ClearMatchPlan,
  type ClearMatchRequest,
} from './clear-matches';

export type OnboardingDeps = {
  inventory: Inventory;
  matcher: ContractMatcher;
  settings: () => Settings;
  clock: Clock;
};

/**
 * Callbacks in, operator decisions out: records each callback durably, links a controller by
 * itself only on an unambiguous match, and carries out the inbox's link, reject and note actions.
 */
export class OnboardingService {
  private readonly linking = new OneAtATime();

  constructor(private readonly deps: OnboardingDeps) {}

  /** The listener's sink: resolves once the callback (and any automatic link) is durable. */
  async receive(record: CallbackRecord): Promise<void> {
    const { draft, requestId } = callbackDraft(record, this.deps.clock.now());
    // Refused like the listener refuses it while it remembers the key: 422, kept as a refused call.
    if (reusesKeyForAnotherBody(this.deps.inventory, draft)) throw new IdempotencyKeyReused();
    const [entry] = await this.deps.inventory.commit([draft]);
    // A repeat is journaled as evidence but decides nothing a second time. Whether this delivery
    // is the repeat is known only once committed: deliveries of one event arriving together were
    // all new before their commit.
    if (record.kind !== 'onboarding' || !entry || this.deps.inventory.isRepeat(entry)) return;
    // One at a time per controller: calls committed together all see it pending, and each linked
    // it; queued, the next one sees the link the previous one made.
    await this.linking.run(record.serial, () => this.autoLink(record.serial, requestId));
  }

  private async autoLink(serial: string, requestId: string): Promise<void> {
    const installation = this.deps.inventory.getInstallation(serial);
    if (
      !installation ||
      installation.onboarding.state !== 'pending' ||
      !this.deps.settings().autoLinkExactMatches
    )
      return;
    const { inventory, matcher } = this.deps;
    const match = matcher.match(installation);
    const top = match.suggestions[0];
    if (!match.autoLink || !top) return;
    // Another waiting controller names the same contract as clearly (it called while automatic
    // linking was off, or before the contract was imported): both wait for the operator.
    if (otherClearClaimants(inventory, matcher, serial, top.contractNumber).length > 0) return;
    await this.deps.inventory.commit([
      {
        type: 'link.created',
        at: this.deps.clock.now(),
        actor: 'auto',
        serial,
        contractNumber: top.contractNumber,
        reason: 'the contract number is an exact match and the address agrees',
        source: { kind: 'callback', ref: requestId },
      },
    ]);
  }

  /**
   * Links a serial to a contract on an operator's decision (accepting a suggestion or another
   * contract), moving the contract from another controller only when the request says so.
   */
  async link(request: LinkRequest): Promise<void> {
    assertCardCurrent(this.deps.inventory, request.serial, request.lastCallSeq);
    const drafts = linkDrafts(this.deps.inventory, request, this.operatorSource());
    // The link asked for is in force already (a double click, a second window): nothing to journal.
    if (drafts.length > 0) await this.operatorCommit(drafts);
  }

  /**
   * Links the clear matches the inbox showed, in one commit (all or none), each checked again
   * first; says which were linked and why the others were not.
   */
  async linkClearMatches(
    requests: readonly ClearMatchRequest[],
  ): Promise<Pick<ClearMatchPlan, 'linked' | 'skipped'>> {
    const { inventory, matcher } = this.deps;
    const { drafts, linked, skipped } = planClearMatches(inventory, matcher, requests, this.operatorSource());
    if (drafts.length > 0) await this.operatorCommit(drafts);
    return { linked, skipped };
  }

  /**
   * Turns down what waits in the inbox from a serial: a pending onboarding, a linked controller's
   * call naming another contract, or calls from a serial that never onboarded. Refused when nothing
   * does any more (decided meanwhile, from another window), so "rejected" is never said of a
   * controller that stays linked. `lastCallSeq`: the version of the card it was decided on.
   */
  async reject(serial: string, reason: string, lastCallSeq?: number | null): Promise<void> {
    const { inventory } = this.deps;
    assertCardCurrent(inventory, serial, lastCallSeq);
    const installation = inventory.getInstallation(serial);
    if (installation) {
      const settled = rejectRefusal(installation, inventory.activeLink(serial));
      if (settled !== undefined) throw new ApiFailure('conflict', settled);
    } else if (!inventory.unknownSerials().some((u) => u.serial === serial))
      throw new ApiFailure('not-found', `Nothing from ${serial} waits in the inbox.`);
    await this.operatorCommit([{ type: 'inbox.rejected', serial, reason }]);
  }

  async endLink(serial: string, reason: string): Promise<void> {
    if (!this.deps.inventory.activeLink(serial))
      throw new ApiFailure('not-found', `${serial} is not linked to a contract.`);
    await this.operatorCommit([{ type: 'link.ended', serial, reason, source: this.operatorSource() }]);
  }

  /**
   * A note on a serial's timeline: an installation's, or one that only ever sent other calls (the
   * operator notes what they found out about it while it waits in the inbox).
   */
  async addNote(serial: string, text: string): Promise<void> {
    const { inventory } = this.deps;
    if (!inventory.getInstallation(serial) && !inventory.unknownSerials().some((u) => u.serial === serial))
      throw new ApiFailure('not-found', `There is no installation ${serial}.`);
    await this.operatorCommit([{ type: 'note.added', serial, text }]);
  }

  private operatorSource() {
    return { kind: 'operator' as const, ref: randomUUID() };
  }

  /**
   * Every operator action is journaled under the operator's name from Settings, its entries in one
   * commit (one transaction: all apply, or none).
   */
  private async operatorCommit(drafts: UnattributedDraft[]): Promise<void> {
    const actor = this.deps.settings().operatorName.trim() || 'operator';
    const at = this.deps.clock.now();
    await this.deps.inventory.commit(drafts.map((d) => ({ ...d, at, actor }) as JournalDraft));
  }
}
