import { z } from 'zod';
import { AssetGroupSchema, LiveCommandSchema } from '../control/live-command';
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
  /**
   * With `eventKey`: a digest of the raw body (`bodyDigestOf`), so a key that comes again with
   * another body is told apart from a repeat even after a restart. Absent in earlier builds' entries.
   */
  bodyDigest: z.string().min(1).optional(),
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
      /** An authenticated call the listener refused (invalid body, token of another serial): kept, not applied. */
      type: z.literal('callback.refused'),
      serial: noSerial,
      endpoint: z.string(),
      reason: z.string(),
      tokenId: z.string(),
      /** The request body exactly as received, so a broken integration can be diagnosed later. */
      rawBody: z.string(),
      headers: z.record(z.string(), z.string()),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
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
      /** The operator set the installation's fallback timeout (the actor is who), or cleared it. */
      type: z.literal('installation.fallbackSet'),
      serial: z.string().min(1),
      /**
       * Whole seconds, or null: back to what onboarding reported. Only positive here, not the API's
       * range (fallback-timeout.ts), so a journal stays readable should that range ever change.
       */
      seconds: z.number().int().positive().nullable(),
    }),
    z.object({
      ...meta,
      type: z.literal('signal.seen'),
      serial: z.string().min(1),
      /** Callers coalesce these (say once a minute per serial); they are not one per message. */
      signal: z.enum(['mqtt', 'command']),
    }),
    ...settingsVariants(meta),
    ...controlVariants(meta),
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

/**
 * What an operator changes in Settings (and the backups they take): the audit trail of who
 * changed how the app listens, connects and decides. Never a secret: token entries name the
 * token, broker entries the address without credentials.
 */
function settingsVariants<M extends z.ZodRawShape>(meta: M) {
  return [
    z.object({
      ...meta,
      type: z.literal('settings.changed'),
      serial: noSerial,
      /** The new values of what changed (nested one level for `listener` and `control`). */
      patch: BodySchema,
      /** The values they replaced, in the same shape (entries before Nov 2026 do not have it). */
      previous: BodySchema.optional(),
    }),
    z.object({
      ...meta,
      type: z.literal('token.created'),
      /** The controller the token is bound to; none for an integration-wide token. */
      serial: noSerial,
      tokenId: z.string().min(1),
      label: z.string(),
    }),
    z.object({
      ...meta,
      type: z.literal('token.revoked'),
      serial: noSerial,
      tokenId: z.string().min(1),
      label: z.string(),
    }),
    z.object({
      ...meta,
      type: z.literal('broker.changed'),
      serial: noSerial,
      action: z.enum(['profile-saved', 'profile-deleted', 'connected', 'disconnected']),
      /** The saved profile's name, when the action was on one. */
      profile: z.string().optional(),
      /** The broker's address, without user name or password. */
      url: z.string().optional(),
    }),
    z.object({ ...meta, type: z.literal('backup.created'), serial: noSerial, path: z.string() }),
  ] as const;
}

/**
 * Live control (electron/core/control): every command, outcome and operator action, written before
 * the command is published (reliability-notes §6.2: audit precedes publish). Lease refreshes are not
 * entries of their own: their count goes with the release or the outcome that ends the lease.
 */
function controlVariants<M extends z.ZodRawShape>(meta: M) {
  const serial = z.string().min(1);
  const groups = z.array(AssetGroupSchema).min(1);
  return [
    commandCreated(meta),
    z.object({
      ...meta,
      type: z.literal('command.outcome'),
      serial,
      commandId: z.string().min(1),
      state: z.enum(['confirmed', 'rejected', 'expired', 'failed', 'superseded', 'released', 'lapsed']),
      detail: z.string(),
      responseCode: z.number().int().optional(),
      /** Lease refreshes published for it, when the outcome ends a lease. */
      refreshes: z.number().int().nonnegative().optional(),
    }),
    z.object({
      ...meta,
      type: z.literal('command.refused'),
      serial: noSerial,
      /** The targets the operator asked for; nothing was published to any of them. */
      targets: z.array(z.string()),
      code: z.string(),
      reason: z.string(),
      /** The rollout whose batch these targets were in (entries before Nov 2026 do not say). */
      rolloutId: z.string().optional(),
    }),
    z.object({
      ...meta,
      type: z.literal('lease.released'),
      serial,
      groups,
      commandIds: z.array(z.string()),
      refreshes: z.number().int().nonnegative(),
      /** When the controller returns to local control (the last delivery + its fallback timeout). */
      localAt: z.number().int(),
      /** Why the operator released it (required when more than one was released at once). */
      reason: z.string().optional(),
    }),
    z.object({
      ...meta,
      type: z.literal('rollout.started'),
      serial: noSerial,
      rolloutId: z.string().min(1),
      kind: z.enum(['live']),
      command: LiveCommandSchema,
      /** Whether its commands are held (refreshed as leases); absent in entries of earlier builds. */
      hold: z.boolean().optional(),
      targets: z.array(z.string()),
      batches: z.number().int().nonnegative(),
      options: z.record(z.string(), z.number()),
      reason: z.string(),
    }),
    z.object({
      ...meta,
      type: z.literal('rollout.changed'),
      serial: noSerial,
      rolloutId: z.string().min(1),
      state: z.enum(['paused', 'resumed', 'retrying', 'aborted', 'completed', 'released']),
      detail: z.string(),
    }),
  ] as const;
}

/** A command as created (also kept in the inventory state while it is open: see open-commands.ts). */
function commandCreated<M extends z.ZodRawShape>(meta: M) {
  const serial = z.string().min(1);
  const groups = z.array(AssetGroupSchema).min(1);
  return z.object({
    ...meta,
    type: z.literal('command.created'),
    serial,
    commandId: z.string().min(1),
    /** `live` today; scheduled control will add its own kind. */
    kind: z.enum(['live']),
    groups,
    command: LiveCommandSchema,
    /** Held as a lease (refreshed until released or superseded). */
    hold: z.boolean(),
    /** Ms since the epoch; the controller must not apply it later. */
    validUntil: z.number().int(),
    topic: z.string(),
    payload: z.string(),
    /** Earlier commands this one takes a group from. */
    supersedes: z.array(z.string()).optional(),
    reason: z.string().optional(),
    rolloutId: z.string().optional(),
  });
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

/** A draft whose time and actor the service recording it fills in (per variant, so `type` still narrows). */
export type UnattributedDraft = JournalDraft extends infer D
  ? D extends unknown
    ? Omit<D, 'at' | 'actor'>
    : never
  : never;

/** One journal line: a draft stamped with `seq`, `prevHash` and `hash` (and `txn` when grouped). */
export const JournalEntrySchema = z.discriminatedUnion('type', variants(entryMeta));
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
export type JournalEntryType = JournalEntry['type'];

/** A stamped `command.created` entry on its own (the inventory state keeps open ones). */
export const CommandCreatedEntrySchema = commandCreated(entryMeta);

/** An entry of one type. */
export type EntryOf<T extends JournalEntryType> = Extract<JournalEntry, { type: T }>;

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
