import { z } from 'zod';
import { FleetCountersSchema, FleetRowSchema } from '../domain/fleet/fleet-row';
import { InboxItemSchema } from '../domain/fleet/inbox-item';
import { InstallationViewSchema } from '../domain/fleet/installation-view';
import {
  ContractRowSchema,
  ImportReportSchema,
  ImportRequestSchema,
  ReconciliationSchema,
} from '../domain/fleet/contracts-view';
import { ListenerTokenInfoSchema, ListenerTokenSchema } from '../protocol/listener/listener-token';
import { ArchiveSummarySchema } from '../domain/inventory/journal-archive';
import { FallbackOverrideSecondsSchema } from '../domain/inventory/fallback-timeout';

const none = z.undefined();
const serial = z.string().min(1).max(64);
const bySerial = z.object({ serial }).strict();
const text = (max: number) => z.string().trim().min(1).max(max);

/** The longest operator texts the core keeps, in characters; the forms that take them stop there. */
export const TEXT_LIMITS = {
  /** An operator's note on a controller (installation page, inbox card). */
  note: 2000,
  /** Why a controller was rejected, a link ended or made. */
  reason: 500,
} as const;
/**
 * The inbox card a decision was taken on (its `lastCallSeq`): refused with `conflict` when a newer
 * call arrived since. Optional: a request without it is not checked.
 */
const cardVersion = z.number().int().nonnegative().nullable().optional();

/** Onboarding, inventory, contracts and listener-token methods (issue 4). */
export const inventoryMethods = {
  'fleet.list': {
    request: none,
    response: z.object({ rows: z.array(FleetRowSchema), counters: FleetCountersSchema }),
  },
  'installation.get': { request: bySerial, response: InstallationViewSchema },
  'installation.addNote': {
    request: z.object({ serial, text: text(TEXT_LIMITS.note) }).strict(),
    response: InstallationViewSchema,
  },
  /**
   * The installation's fallback timeout as the operator sets it (it wins over onboarding's for
   * control, at once, held leases included), or null to go back to onboarding's. Journaled.
   */
  'installation.setFallback': {
    request: z.object({ serial, seconds: FallbackOverrideSecondsSchema.nullable() }).strict(),
    response: InstallationViewSchema,
  },
  'inbox.list': { request: none, response: z.array(InboxItemSchema) },
  'inbox.link': {
    request: z
      .object({
        serial,
        contractNumber: text(100),
        reason: z.string().max(TEXT_LIMITS.reason).optional(),
        /** The controller the contract is moved from: the only way a linked contract changes hands. */
        moveFrom: serial.optional(),
        lastCallSeq: cardVersion,
      })
      .strict(),
    response: z.array(InboxItemSchema),
  },
  /** Links, in one step, the clear matches the inbox showed (`clearMatch`), each checked again. */
  'inbox.linkClearMatches': {
    request: z
      .object({
        links: z
          .array(z.object({ serial, contractNumber: text(100) }).strict())
          .min(1)
          .max(100_000),
      })
      .strict(),
    response: z.object({
      linked: z.array(z.string()),
      skipped: z.array(z.object({ serial: z.string(), contractNumber: z.string(), why: z.string() })),
      items: z.array(InboxItemSchema),
    }),
  },
  'inbox.addNote': {
    request: z.object({ serial, text: text(TEXT_LIMITS.note) }).strict(),
    response: z.array(InboxItemSchema),
  },
  'inbox.reject': {
    request: z.object({ serial, reason: text(TEXT_LIMITS.reason), lastCallSeq: cardVersion }).strict(),
    response: z.array(InboxItemSchema),
  },
  'links.end': {
    request: z.object({ serial, reason: text(TEXT_LIMITS.reason) }).strict(),
    response: InstallationViewSchema,
  },
  'contracts.list': { request: none, response: z.array(ContractRowSchema) },
  'contracts.preview': { request: ImportRequestSchema.strict(), response: ImportReportSchema },
  'contracts.import': { request: ImportRequestSchema.strict(), response: ImportReportSchema },
  'contracts.reconcile': { request: none, response: ReconciliationSchema },
  'tokens.list': { request: none, response: z.array(ListenerTokenInfoSchema) },
  'tokens.create': {
    // The stored token's own schema: a serial it cannot store must be refused here, not found later.
    request: z.object({ label: z.string().max(200), serial: ListenerTokenSchema.shape.serial }).strict(),
    response: z.object({ secret: z.string(), token: ListenerTokenInfoSchema }),
  },
  'tokens.revoke': {
    request: z.object({ id: z.string().max(100) }).strict(),
    response: z.array(ListenerTokenInfoSchema),
  },
  'data.exportCsv': {
    request: z.object({ what: z.enum(['installations', 'contracts']) }).strict(),
    response: z.object({ fileName: z.string(), csv: z.string() }),
  },
  'data.backup': { request: none, response: z.object({ path: z.string() }) },
  'data.listBackups': {
    request: none,
    response: z.array(z.object({ path: z.string(), at: z.number().int(), bytes: z.number().int() })),
  },
  'data.archive': {
    request: none,
    /** `dir`: where the archive lives, `<data folder>/journal/archive`. */
    response: ArchiveSummarySchema.extend({ dir: z.string() }),
  },
  'data.restore': {
    request: z.object({ path: z.string().max(4096) }).strict(),
    response: z.object({ movedTo: z.string() }),
  },
} as const;
