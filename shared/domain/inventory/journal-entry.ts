import { z } from 'zod';
import { ContractSchema } from './contract';
import { LinkSourceSchema } from './link';

/** The raw request body as received, unknown fields included. */
const BodySchema = z.record(z.string(), z.unknown());

/** Callbacks keep the body and a chosen subset of headers, so the journal is the evidence. */
const callback = {
  serial: z.string().min(1),
  /** The listener's id for this request; what a link made because of it refers to. */
  requestId: z.string().min(1),
  /** Idempotency key (header or body `eventId`), as the listener scoped it. A repeat has no effect. */
  eventKey: z.string().min(1).optional(),
  body: BodySchema,
  headers: z.record(z.string(), z.string()),
};

/**
 * Builds the entry variants over a set of common fields, so drafts (what a caller commits) and
 * stamped entries (what the journal holds) share one definition of each payload.
 */
function variants<M extends z.ZodRawShape>(meta: M) {
  return [
    z.object({ ...meta, type: z.literal('callback.onboarding'), ...callback }),
    z.object({ ...meta, type: z.literal('callback.offboarding'), ...callback }),
    z.object({ ...meta, type: z.literal('callback.health'), ...callback }),
    z.object({
      ...meta,
      type: z.literal('contract.imported'),
      serial: noSerial,
      contracts: z.array(ContractSchema),
      /** Where the contracts came from (a file name), for the audit trail. */
      origin: z.string(),
    }),
    z.object({
      ...meta,
      type: z.literal('link.created'),
      serial: z.string().min(1),
      contractNumber: z.string().min(1),
      reason: z.string(),
      source: LinkSourceSchema,
    }),
    z.object({
      ...meta,
      type: z.literal('link.ended'),
      serial: z.string().min(1),
      reason: z.string(),
      source: LinkSourceSchema,
    }),
    z.object({
      ...meta,
      type: z.literal('inbox.rejected'),
      serial: z.string().min(1),
      reason: z.string(),
    }),
    z.object({ ...meta, type: z.literal('note.added'), serial: z.string().min(1), text: z.string() }),
    z.object({
      ...meta,
      type: z.literal('signal.seen'),
      serial: z.string().min(1),
      /** Callers coalesce these (say once a minute per serial); they are not one per message. */
      signal: z.enum(['mqtt', 'command']),
    }),
    z.object({ ...meta, type: z.literal('settings.changed'), serial: noSerial, patch: BodySchema }),
    z.object({
      ...meta,
      type: z.literal('backup.restored'),
      serial: noSerial,
      origin: z.string(),
      /** Where the replaced data was moved, and how far its journal went. */
      movedTo: z.string(),
      replacedSeq: z.number().int().nonnegative(),
    }),
  ] as const;
}

/** Entries not about one controller may still name one; every other entry type requires it. */
const noSerial = z.string().min(1).optional();

/** Fields every draft carries: when (ms) and who. Each variant says whether it names a serial. */
const draftMeta = {
  at: z.number().int().nonnegative(),
  actor: z.string().min(1),
};

const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Fields the journal stamps when the entry is written. */
const entryMeta = {
  ...draftMeta,
  seq: z.number().int().positive(),
  prevHash: HashSchema,
  hash: HashSchema,
  /** Set on every entry of a multi-entry commit, so a half-written commit is recognised and dropped. */
  txn: z.object({ first: z.number().int().positive(), size: z.number().int().min(2) }).optional(),
};

/** What a caller commits: an entry without its sequence number and hashes. */
export const JournalDraftSchema = z.discriminatedUnion('type', variants(draftMeta));
export type JournalDraft = z.infer<typeof JournalDraftSchema>;

/** One journal line: a draft stamped with `seq`, `prevHash` and `hash` (and `txn` when grouped). */
export const JournalEntrySchema = z.discriminatedUnion('type', variants(entryMeta));
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
export type JournalEntryType = JournalEntry['type'];

/** An entry of one type. */
export type EntryOf<T extends JournalEntryType> = Extract<JournalEntry, { type: T }>;

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
