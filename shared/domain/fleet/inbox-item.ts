import { z } from 'zod';
import { AddressSchema, DeviceSchema, NoteSchema } from '../inventory/installation';

export const MatchFlagSchema = z.enum([
  'rejected-before',
  'no-contract-given',
  'unknown-contract',
  'contract-linked-elsewhere',
  'serial-linked-elsewhere',
  'address-differs',
  /** Another waiting controller names the same contract as clearly (`alsoNamedBy`). */
  'contract-named-elsewhere',
]);

export const SuggestionSchema = z.object({
  contractNumber: z.string(),
  customerName: z.string(),
  kind: z.enum(['exact', 'format', 'typo', 'address']),
  address: z.enum(['agrees', 'differs', 'unknown']),
  linkedTo: z.string().nullable(),
});

/**
 * One controller waiting for an operator: a pending onboarding (with its match against the
 * contracts) or callbacks from a serial that never onboarded. Repeated calls group into one item.
 */
export const InboxItemSchema = z.object({
  serial: z.string(),
  kind: z.enum(['onboarding', 'unknown-serial']),
  calls: z.number().int(),
  /**
   * False right after a start while older journal entries are still being indexed: `calls` (and
   * `firstAt`, `lastBody`) then come from the recent part only, so `lastBody` may still be null;
   * the core sends the inbox again when done.
   */
  callsComplete: z.boolean(),
  firstAt: z.number().int(),
  lastAt: z.number().int(),
  /**
   * The card's version: the sequence number of the last onboarding call it shows (null: none, a
   * serial that never onboarded). Decisions taken on the card send it back, and the core refuses
   * them once a newer call has arrived. Optional, so items built before it existed still parse.
   */
  lastCallSeq: z.number().int().nullable().optional(),
  requestedContractNumber: z.string().nullable(),
  address: AddressSchema.nullable(),
  devices: z.array(DeviceSchema),
  flags: z.array(MatchFlagSchema),
  suggestions: z.array(SuggestionSchema),
  /**
   * A pending onboarding whose first suggestion is a clear match: the only contract with exactly the
   * number typed, at the same address, linked to no other controller and named by no other waiting
   * one (the rule automatic linking uses). The inbox links these together on request.
   */
  clearMatch: z.boolean(),
  /** The other waiting controllers that name this item's contract as clearly (flag `contract-named-elsewhere`). */
  alsoNamedBy: z.array(z.string()).optional(),
  /** The last raw request body, exactly as received. */
  lastBody: z.record(z.string(), z.unknown()).nullable(),
  /** The contract the controller is linked to now, when its calls name another. Absent otherwise. */
  linkedContract: z
    .object({
      contractNumber: z.string(),
      customerName: z.string().nullable(),
      address: AddressSchema.nullable(),
    })
    .optional(),
  /** The operator's rejection that still stands for this serial (flag `rejected-before`). */
  rejected: z.object({ at: z.number().int(), by: z.string(), reason: z.string() }).optional(),
  /** Operators' notes on this serial, oldest first. Absent when there are none. */
  notes: z.array(NoteSchema).optional(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

/** The contract a clear-match item would be linked to (its first suggestion); undefined for the rest. */
export function clearMatchContract(item: Pick<InboxItem, 'clearMatch' | 'suggestions'>): string | undefined {
  return item.clearMatch ? item.suggestions[0]?.contractNumber : undefined;
}
