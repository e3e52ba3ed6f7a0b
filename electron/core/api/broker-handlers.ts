import { BrokerProfiles, ProfileProblem } from '../broker/broker-profiles';
import { testProfile } from '../broker/profile-test';
import { passwordStaysWith } from '../broker/password-binding';
import { linkView } from '../live/control-facade';
import type { Services } from '../services';
import { ApiFailure, type Handlers } from './dispatch';
import { addressWithoutCredentials, recordOperatorAction } from './operator-audit';
import type { BrokerProfile } from '../../../shared/domain/broker/broker-profile';

type BrokerHandlers = Pick<
  Handlers,
  | 'broker.listProfiles'
  | 'broker.saveProfile'
  | 'broker.deleteProfile'
  | 'broker.connectProfile'
  | 'broker.testProfile'
>;

/** The secret name a typed, unsaved password goes by during a test. */
const TYPED_PASSWORD = 'typed-for-test';

/**
 * Wildcard feedback (Settings → Protocol profile) is one `+` subscription, which a broker profile
 * that does not allow wildcards drops: connected with it, no live feedback would arrive and no
 * command could be confirmed. Refused with the two ways out (settings-update.ts refuses the
 * other order).
 */
function refuseWildcardFeedbackWithout(s: Services, profile: BrokerProfile): void {
  if (profile.allowWildcard || s.settings.get().protocolProfile?.wildcardFeedback !== true) return;
  throw new ApiFailure(
    'conflict',
    `"${profile.name}" does not allow + subscriptions, but wildcard feedback is on (Settings → Protocol profile): connected with it, no live feedback would arrive. Tick "Allow + wildcards in subscriptions" in this profile (only if the broker's ACL permits them), or turn wildcard feedback off first.`,
  );
}

/** Turns an operator-fixable problem into an API error; anything else stays an internal failure. */
async function worded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProfileProblem) throw new ApiFailure('invalid-request', error.message);
    throw error;
  }
}

/** The saved broker profiles of Settings (passwords write-only) and the connection test. */
export function brokerHandlers(s: () => Services): BrokerHandlers {
  const profiles = () => {
    const { settings, broker, support } = s();
    return new BrokerProfiles({ settings, secrets: support.secrets, broker, log: support.log });
  };
  // Into the audit trail (Activity): which profile, and where it points, never its password.
  const audit = (action: 'profile-saved' | 'profile-deleted' | 'connected', profile: BrokerProfile) =>
    recordOperatorAction(s(), {
      type: 'broker.changed',
      action,
      profile: profile.name,
      url: addressWithoutCredentials(profile.url),
    });
  return {
    'broker.listProfiles': () => profiles().list(),
    'broker.saveProfile': (request) =>
      worded(async () => {
        const view = await profiles().save(request);
        await audit('profile-saved', request.profile);
        return view;
      }),
    'broker.deleteProfile': ({ id }) =>
      worded(async () => {
        const profile = profiles().find(id);
        const view = await profiles().remove(id);
        await audit('profile-deleted', profile);
        return view;
      }),
    'broker.connectProfile': ({ id }) =>
      worded(async () => {
        const p = profiles();
        refuseWildcardFeedbackWithout(s(), p.find(id));
        await p.connect(id);
        await audit('connected', p.find(id));
        return linkView(s().broker.diagnostics(), s().live.counts());
      }),
    'broker.testProfile': async ({ profile, password }) => {
      const { settings, support } = s();
      const saved = settings.get().brokerProfiles.find((p) => p.id === profile.id);
      const { passwordRef: ignored, ...draft } = profile;
      void ignored; // the page never chooses which secret is read
      // The typed password, or else the stored one of the saved profile this draft edits (the same
      // trust as saving the draft and connecting: the operator is editing that profile).
      // Never the stored one toward another host (password-binding.ts).
      const storedRef =
        saved !== undefined && passwordStaysWith(saved, draft) ? saved.passwordRef : undefined;
      const passwordRef = password !== undefined ? TYPED_PASSWORD : storedRef;
      return testProfile(
        { ...draft, ...(passwordRef !== undefined && { passwordRef }) },
        {
          clock: support.clock,
          log: support.log.child({ module: 'broker-test' }),
          secrets: {
            get: (name) => (name === TYPED_PASSWORD ? Promise.resolve(password) : support.secrets.get(name)),
          },
          clientId: support.clientId,
        },
      );
    },
  };
}
