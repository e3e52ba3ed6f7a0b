import type { Settings } from '../../../shared/domain/settings';
import type { ListenerOptions } from './listener-options';

/** The part of the listener's options that Settings → Listener changes while it runs. */
type ListenerSettings = Settings['listener'];

export type ListenerLimits = Required<Pick<ListenerOptions, 'rateLimits' | 'trustProxy'>>;

/** Rate limits and proxy trust from the saved listener settings. */
export function listenerLimitsFromSettings(s: ListenerSettings): ListenerLimits {
  return {
    rateLimits: {
      perAddress: s.perAddressPerMinute,
      perBoundToken: s.perBoundTokenPerMinute,
      perIntegrationToken: s.perIntegrationTokenPerMinute,
    },
    // Express takes the list as is (addresses, CIDR blocks, loopback/linklocal/uniquelocal);
    // `false` when empty, so X-Forwarded-For is then never believed.
    trustProxy: s.trustedProxies.length > 0 ? [...s.trustedProxies] : false,
  };
}

/** True when the limits differ (a settings change that the running listener must apply). */
export function limitsChanged(a: ListenerSettings, b: ListenerSettings): boolean {
  return (
    a.perAddressPerMinute !== b.perAddressPerMinute ||
    a.perBoundTokenPerMinute !== b.perBoundTokenPerMinute ||
    a.perIntegrationTokenPerMinute !== b.perIntegrationTokenPerMinute ||
    a.trustedProxies.join('\n') !== b.trustedProxies.join('\n')
  );
}
