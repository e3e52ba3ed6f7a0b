import type { Installation } from '../../../shared/domain/inventory/installation';
import type { LinkRecord } from '../../../shared/domain/inventory/link';

// Why an inbox decision no longer fits the installation (decided meanwhile, from another window,
// or it offboarded): the refusals the operator reads, naming what stands now.

/**
 * Why an installation takes no link decision now, in the words the operator sees; undefined while
 * it waits for one: pending, rejected (the operator may still link it on purpose), or linked with
 * a call naming another contract (see linked-claim.ts).
 */
export function settledWords(installation: Installation, link: LinkRecord | undefined): string | undefined {
  const { serial, onboarding } = installation;
  switch (onboarding.state) {
    case 'pending':
    case 'rejected':
      return undefined;
    case 'linked':
      if (onboarding.claimed) return undefined;
      return (
        `${linkedWords(serial, onboarding.contractNumber, link)}; it no longer waits for a decision. ` +
        `To link it elsewhere, end that link on its installation page first.`
      );
    case 'offboarded':
      return offboardedWords(serial, onboarding);
  }
}

/**
 * Why nothing from an installation waits to be rejected, in the operator's words; undefined while
 * something does (a pending onboarding, or a linked controller's call naming another contract).
 */
export function rejectRefusal(installation: Installation, link: LinkRecord | undefined): string | undefined {
  const { serial, onboarding } = installation;
  switch (onboarding.state) {
    case 'pending':
      return undefined;
    case 'linked':
      if (onboarding.claimed) return undefined;
      return (
        `${linkedWords(serial, onboarding.contractNumber, link)}; nothing from it waits in the inbox, ` +
        `and rejecting it would not unlink it. End that link on its installation page if it must not stay.`
      );
    case 'rejected': {
      const by = installation.lastRejection ? ` by ${installation.lastRejection.by}` : '';
      return `${serial} was rejected${by} at ${timeWords(onboarding.since)} (${onboarding.reason}); nothing from it waits in the inbox.`;
    }
    case 'offboarded':
      return offboardedWords(serial, onboarding);
  }
}

const linkedWords = (serial: string, contractNumber: string, link: LinkRecord | undefined) =>
  `${serial} was linked to ${contractNumber}${link ? ` by ${link.by} at ${timeWords(link.linkedAt)}` : ''}`;

const offboardedWords = (serial: string, offboarded: { since: number; reason: string }) =>
  `${serial} was offboarded at ${timeWords(offboarded.since)} (${offboarded.reason}); ` +
  `it comes back to the inbox if it onboards again.`;

/** A moment as the core words it in messages: minutes, UTC (the operator's window may be elsewhere). */
export function timeWords(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
