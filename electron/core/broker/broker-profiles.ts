import type { BrokerProfilesView, SaveBrokerProfileRequest } from '../../../shared/contract/broker-methods';
import type { BrokerProfile } from '../../../shared/domain/broker/broker-profile';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import { profilePasswordRef, type SecretStore } from '../secrets/secret-store';
import type { Logger } from '../logger';
import type { BrokerLink } from './broker-link';
import type { LinkState } from './broker-port';
import { passwordStaysWith } from './password-binding';

export type BrokerProfileDeps = {
  settings: { get(): Settings; update(patch: SettingsPatch): Settings };
  secrets: SecretStore;
  broker: Pick<BrokerLink, 'connect'>;
  log: Logger;
};

/** A request the operator can fix, worded for them (the handler turns it into an API error). */
export class ProfileProblem extends Error {}

/**
 * Saved broker profiles: kept in settings without any password; the password goes to the host's
 * secret store under `broker-profile/<id>` and is never answered back. Stateless: every call reads
 * the settings in force, so the handlers may build one per call.
 */
export class BrokerProfiles {
  constructor(private readonly deps: BrokerProfileDeps) {}

  async list(): Promise<BrokerProfilesView> {
    const { brokerProfiles, activeBrokerProfileId } = this.deps.settings.get();
    const profiles = await Promise.all(
      brokerProfiles.map(async (profile) => ({
        profile,
        passwordStored: await this.hasPassword(profile),
        active: profile.id === activeBrokerProfileId,
      })),
    );
    const { persistent, keptWhere } = this.deps.secrets;
    return { profiles, activeId: activeBrokerProfileId, passwords: { persistent, keptWhere } };
  }

  /**
   * Adds or replaces the profile with this id. The password is stored first: when the store refuses
   * it (no keyring), nothing is saved and the refusal says why.
   */
  async save(request: SaveBrokerProfileRequest): Promise<BrokerProfilesView> {
    const { profile, password, forgetPassword } = request;
    const saved = this.deps.settings.get().brokerProfiles;
    const before = saved.find((p) => p.id === profile.id);
    if (before === undefined && saved.length >= 50) {
      throw new ProfileProblem('at most 50 broker profiles can be saved; delete one first');
    }
    const ref = profilePasswordRef(profile.id);
    let passwordRef: string | undefined = before?.passwordRef;
    if (forgetPassword === true) {
      await this.deps.secrets.delete(ref);
      passwordRef = undefined;
    } else if (password !== undefined) {
      await this.deps.secrets.set(ref, password).catch((error: unknown) => {
        throw new ProfileProblem(error instanceof Error ? error.message : String(error));
      });
      passwordRef = ref;
    } else if (passwordRef !== undefined && before !== undefined && !passwordStaysWith(before, profile)) {
      throw new ProfileProblem(
        'the broker address changed: type the password again, so a saved password only ever goes to the broker it was saved for',
      );
    } else if (before === undefined && (await this.readable(ref))) {
      // Headless: the host's one password (env or 0600 file) answers every profile.
      passwordRef = ref;
    }
    const { passwordRef: ignored, ...rest } = profile;
    void ignored; // the page never chooses which secret a profile reads
    const next: BrokerProfile = { ...rest, ...(passwordRef !== undefined && { passwordRef }) };
    const brokerProfiles =
      before === undefined ? [...saved, next] : saved.map((p) => (p.id === profile.id ? next : p));
    this.deps.settings.update({ brokerProfiles });
    return this.list();
  }

  /** Deletes the profile and its password; if it was the one connected at start, none is any more. */
  async remove(id: string): Promise<BrokerProfilesView> {
    const current = this.deps.settings.get();
    if (!current.brokerProfiles.some((p) => p.id === id))
      throw new ProfileProblem(`no broker profile "${id}"`);
    await this.deps.secrets.delete(profilePasswordRef(id));
    this.deps.settings.update({
      brokerProfiles: current.brokerProfiles.filter((p) => p.id !== id),
      ...(current.activeBrokerProfileId === id && { activeBrokerProfileId: null }),
    });
    return this.list();
  }

  /** Connects with a saved profile and remembers it as the one to connect at start. */
  async connect(id: string): Promise<LinkState> {
    const profile = this.find(id);
    this.deps.settings.update({ activeBrokerProfileId: profile.id });
    return this.deps.broker.connect(profile);
  }

  find(id: string): BrokerProfile {
    const profile = this.deps.settings.get().brokerProfiles.find((p) => p.id === id);
    if (profile === undefined) throw new ProfileProblem(`no broker profile "${id}"`);
    return profile;
  }

  private async hasPassword(profile: BrokerProfile): Promise<boolean> {
    return profile.passwordRef !== undefined && (await this.readable(profile.passwordRef));
  }

  private async readable(ref: string): Promise<boolean> {
    try {
      return (await this.deps.secrets.get(ref)) !== undefined;
    } catch (error) {
      // An undecryptable or unreadable secret is not "stored" for the operator: they must enter it again.
      this.deps.log.warn({ err: error, secret: ref }, 'a stored broker password cannot be read');
      return false;
    }
  }
}

/**
 * Connects the saved profile marked active, at start. Does not wait for the broker: the desk opens
 * while the link connects (or retries) on its own, and the Control page shows how it goes.
 */
export function connectActiveProfile(deps: BrokerProfileDeps): void {
  const { brokerProfiles, activeBrokerProfileId } = deps.settings.get();
  const profile = brokerProfiles.find((p) => p.id === activeBrokerProfileId);
  if (profile === undefined) return;
  deps.broker
    .connect(profile)
    .catch((error: unknown) =>
      deps.log.error({ err: error, profile: profile.id }, 'saved broker did not connect'),
    );
}
