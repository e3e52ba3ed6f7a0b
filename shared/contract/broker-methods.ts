import { z } from 'zod';
import { BrokerProfileSchema, type BrokerProfile } from '../domain/broker/broker-profile';
import type { LinkView } from './control-methods';

const profileId = z.string().min(1).max(100);

/**
 * A profile as the Settings form saves it. The password is write-only: it goes to the host's secret
 * store and is never answered back; `passwordRef` is the core's to set, what a page sends is ignored.
 */
export const SaveBrokerProfileSchema = z
  .object({
    profile: BrokerProfileSchema,
    /** A new password; left out = keep the stored one. */
    password: z.string().min(1).max(500).optional(),
    /** Forget the stored password (the broker takes none). */
    forgetPassword: z.boolean().optional(),
  })
  .strict();
export type SaveBrokerProfile = z.input<typeof SaveBrokerProfileSchema>;
export type SaveBrokerProfileRequest = z.output<typeof SaveBrokerProfileSchema>;

/** A connect attempt with a short deadline, for a saved profile or the form's unsaved draft. */
export const TestBrokerProfileSchema = z
  .object({
    profile: BrokerProfileSchema,
    /** The password typed in the form; left out = the stored one of the profile with this id, if any. */
    password: z.string().min(1).max(500).optional(),
  })
  .strict();
export type TestBrokerProfile = z.input<typeof TestBrokerProfileSchema>;
export type TestBrokerProfileRequest = z.output<typeof TestBrokerProfileSchema>;

/** One saved broker as the UI lists it: never the password, only whether one is stored. */
export type BrokerProfileView = { profile: BrokerProfile; passwordStored: boolean; active: boolean };

export type BrokerProfilesView = {
  profiles: BrokerProfileView[];
  activeId: string | null;
  /** Where this host keeps a typed password (`persistent: false` = for this run only), in words. */
  passwords: { persistent: boolean; keptWhere: string };
};

/** The outcome of one test attempt, in words. */
export type BrokerTestAttempt = { url: string; ok: boolean; words: string; protocolVersion: 4 | 5 | null };

export type BrokerTestResult = {
  ok: boolean;
  /** One sentence for the operator: what worked or what failed and why. */
  summary: string;
  attempts: BrokerTestAttempt[];
  /** When the primary failed, no backup is set and `mqtt(ws)://host:80` answered: the backup to offer. */
  offerBackupUrl: string | null;
};

/** Answers built in the core from its own types (see control-methods.ts); requests are what is validated. */
const answer = <T>() => z.custom<T>((v) => typeof v === 'object' && v !== null);

export const brokerMethods = {
  'broker.listProfiles': { request: z.undefined(), response: answer<BrokerProfilesView>() },
  'broker.saveProfile': { request: SaveBrokerProfileSchema, response: answer<BrokerProfilesView>() },
  'broker.deleteProfile': {
    request: z.object({ id: profileId }).strict(),
    response: answer<BrokerProfilesView>(),
  },
  /** Connects with a saved profile and makes it the one connected at start. */
  'broker.connectProfile': { request: z.object({ id: profileId }).strict(), response: answer<LinkView>() },
  'broker.testProfile': { request: TestBrokerProfileSchema, response: answer<BrokerTestResult>() },
} as const;
