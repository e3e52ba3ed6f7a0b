import { z } from 'zod';
import { LiveCommandSchema, type LiveCommand } from '../domain/control/live-command';
import type { DryRun } from '../domain/control/dry-run';
import type { LeaseView } from '../domain/control/lease';
import type { CommandState } from '../domain/control/lifecycle';
import type { FeedbackCounts } from '../domain/live/feedback-counts';

const none = z.undefined();
const serials = z.array(z.string().min(1).max(64)).min(1).max(20_000);

/** The live command as sent: per group, and whether to hold it as a lease. */
export const ControlRequestSchema = z
  .object({ serials, command: LiveCommandSchema, hold: z.boolean() })
  .strict();

export const SendRequestSchema = ControlRequestSchema.extend({
  reason: z.string().trim().max(500).optional(),
  /** Above the impact threshold, the number of homes as the operator typed it. */
  typedHomes: z.number().int().nonnegative().optional(),
}).strict();

/** The link as the UI shows it: its state in words and its health figures. */
export type LinkView = {
  state: 'unconfigured' | 'connecting' | 'connected' | 'reconnecting' | 'stopped';
  url: string | null;
  since: number | null;
  protocolVersion: number | null;
  lastError: string | null;
  reconnects: number;
  latencyMs: number | null;
  subscriptions: { total: number; confirmed: number; refused: string[] };
  /** Live feedback received since the core started: accepted, and refused per kind. */
  feedback: FeedbackCounts;
};

/** One command as the UI lists it. */
export type CommandRow = {
  commandId: string;
  serial: string;
  groups: string[];
  /** What it asks of each group it names (policy and setpoint). */
  command: LiveCommand;
  hold: boolean;
  state: CommandState['state'];
  detail: string | null;
  createdAt: number;
  actor: string;
  topic: string;
  payload: string;
};

export type ControlOverview = {
  link: LinkView;
  commands: CommandRow[];
  leases: LeaseView[];
  atRisk: Array<LeaseView & { lapsesAt: number; inMs: number }>;
};

/** One installation's control, for its page: whether Fleetdesk holds it, and its recent commands. */
export type InstallationControl = {
  /** The broker link's state: nothing can be sent unless it is `connected`. */
  linkState: LinkView['state'];
  /** The lease Fleetdesk holds on it, or null: it runs on local control. */
  lease: LeaseView | null;
  /** Its commands since Fleetdesk started, newest first (the last 20; Activity has the rest). */
  commands: CommandRow[];
};

/**
 * Answers built in the core from its own types; the requests above are what is validated, since
 * they are what a page could forge. The answers are typed for the client, checked as objects.
 */
const answer = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

export const controlMethods = {
  'broker.connect': {
    request: z
      .object({
        url: z.string().min(1).max(2048),
        username: z.string().max(200).optional(),
        password: z.string().max(500).optional(),
      })
      .strict(),
    response: answer<LinkView>(),
  },
  'broker.disconnect': { request: none, response: answer<LinkView>() },
  'control.overview': { request: none, response: answer<ControlOverview>() },
  'control.installation': {
    request: z.object({ serial: z.string().min(1).max(64) }).strict(),
    response: answer<InstallationControl>(),
  },
  'control.dryRun': { request: ControlRequestSchema, response: answer<DryRun>() },
  'control.send': {
    request: SendRequestSchema,
    response: answer<
      | { ok: true; sent: number; failed: Array<{ serial: string; reason: string }> }
      | { ok: false; code: string; reason: string }
    >(),
  },
  'control.release': {
    request: z
      .object({
        serial: z.string().min(1).max(64).or(z.literal('all')),
        /** Required by the core when more than one installation is released; journaled with each. */
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
    response: answer<{ released: number }>(),
  },
} as const;
