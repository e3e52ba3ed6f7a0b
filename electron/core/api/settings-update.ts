import { isDeepStrictEqual } from 'node:util';
import { halfTlsSetup } from '../../../shared/domain/listener-tls';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import { isTerminal } from '../../../shared/domain/control/lifecycle';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../../shared/protocol/profile';
import { FeedbackTopicsRefused } from '../live/profile-follow';
import type { Services } from '../services';
import { ApiFailure } from './dispatch';
import { feedbackRefusedWords } from './feedback-refused-words';
import { recordOperatorAction } from './operator-audit';
import { settingsChanges } from './settings-changes';

/**
 * `settings.update` with the rules plain settings do not have: broker profiles change only
 * through the broker.* methods (they keep passwords out of settings), the listener's TLS files
 * are set both or neither, the protocol profile does not change under a command in flight or a
 * held lease (their topics, payloads and feedback decoding were fixed by the old one), wildcard
 * feedback is not turned on under a broker profile that forbids `+`, and a profile whose feedback
 * topics the broker refuses is not saved (the feedback subscriptions follow a saved change). What
 * changed goes into the journal with the operator's name.
 */
export async function updateSettings(s: Services, patch: SettingsPatch): Promise<Settings> {
  if (patch.brokerProfiles !== undefined || patch.activeBrokerProfileId !== undefined) {
    throw new ApiFailure(
      'invalid-request',
      'Broker profiles are saved with broker.saveProfile and made active with broker.connectProfile, not settings.update.',
    );
  }
  refuseHalfTls(s, patch);
  const before = s.settings.get().protocolProfile ?? DEFAULT_PROFILE;
  const after = patch.protocolProfile === undefined ? before : (patch.protocolProfile ?? DEFAULT_PROFILE);
  const changes = !isDeepStrictEqual(before, after);
  if (changes) refuseWhileBusy(s);
  if (after.wildcardFeedback && !before.wildcardFeedback) refuseWildcardsTheBrokerForbids(s);
  const previous = s.settings.get();
  const next = changes ? await saveProfileChange(s, patch, after) : s.settings.update(patch);
  const changed = settingsChanges(previous, next);
  // Recorded after the change, so a new operator name is already the one acting (they typed it).
  if (changed) await recordOperatorAction(s, { type: 'settings.changed', ...changed });
  return next;
}

/**
 * Saves a patch that changes the protocol profile once the broker granted its feedback topics
 * (LiveValues moves the topics it holds, see `LiveValues.followProfile`); when it refuses them,
 * nothing is saved and the operator is told why.
 */
async function saveProfileChange(
  s: Services,
  patch: SettingsPatch,
  after: ProtocolProfile,
): Promise<Settings> {
  try {
    return await s.live.followProfile(after, () => s.settings.update(patch));
  } catch (error) {
    if (!(error instanceof FeedbackTopicsRefused)) throw error;
    throw new ApiFailure('conflict', feedbackRefusedWords(error, s.broker.wildcardsAllowed() !== undefined));
  }
}

/**
 * The listener starts on both TLS files (HTTPS) or neither (HTTP), and refuses half a setup, so no
 * controller could call in after the next start. Only a change of those files is checked: a
 * settings file that already holds half a setup still saves other fields (the listener says why it
 * did not start).
 */
function refuseHalfTls(s: Services, patch: SettingsPatch): void {
  const { tlsCertFile, tlsKeyFile } = patch.listener ?? {};
  if (tlsCertFile === undefined && tlsKeyFile === undefined) return;
  const current = s.settings.get().listener;
  const half = halfTlsSetup({
    tlsCertFile: tlsCertFile ?? current.tlsCertFile,
    tlsKeyFile: tlsKeyFile ?? current.tlsKeyFile,
  });
  if (half !== undefined) throw new ApiFailure('invalid-request', `listener.${half.field}: ${half.message}`);
}

/**
 * Wildcard feedback is one `+` subscription, which the link refuses under a broker profile that
 * does not allow wildcards: turned on there, it would leave no feedback subscription at all. The
 * profile the link applied counts; before it applied one, the saved profile it will connect at start.
 */
function refuseWildcardsTheBrokerForbids(s: Services): void {
  const { brokerProfiles, activeBrokerProfileId } = s.settings.get();
  const saved = brokerProfiles.find((p) => p.id === activeBrokerProfileId);
  if ((s.broker.wildcardsAllowed() ?? saved?.allowWildcard) !== false) return;
  throw new ApiFailure(
    'conflict',
    'Wildcard feedback was not turned on: the broker profile in use does not allow + subscriptions, so live feedback would stop. Tick "Allow + wildcards in subscriptions" in its broker profile (only if the broker\'s ACL permits them) and connect it, then turn wildcard feedback on again.',
  );
}

function refuseWhileBusy(s: Services): void {
  const inFlight = s.control.commands().filter((c) => !isTerminal(c.state)).length;
  // A released lease is no longer refreshed: nothing of it could follow a changed profile.
  const leases = s.control.leases().filter((l) => l.status !== 'releasing').length;
  if (inFlight === 0 && leases === 0) return;
  const what = [
    inFlight > 0 && `${inFlight} command${inFlight === 1 ? ' is' : 's are'} in flight`,
    leases > 0 && `${leases} lease${leases === 1 ? ' is' : 's are'} held`,
  ]
    .filter(Boolean)
    .join(' and ');
  throw new ApiFailure(
    'conflict',
    `The protocol profile was not changed: ${what}, and their topics and feedback follow the current profile. Release the leases on the Control page and wait for the commands to end, then save again.`,
  );
}
