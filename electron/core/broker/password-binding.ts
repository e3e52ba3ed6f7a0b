import { isAddressError, parseBrokerAddress } from '../../../shared/domain/broker/broker-address';

type Addresses = { url: string; fallbackUrl?: string | undefined };

/** The hosts a profile dials, lower-cased; a URL that does not parse counts as its own text. */
function hostsOf(profile: Addresses): string[] {
  return [profile.url, profile.fallbackUrl]
    .filter((url): url is string => url !== undefined)
    .map((url) => {
      const parsed = parseBrokerAddress(url);
      return (isAddressError(parsed) ? url : parsed.host).toLowerCase();
    })
    .sort();
}

/**
 * A stored password goes only to the brokers it was saved for. The page is untrusted: were an
 * edited or tested draft to keep the stored password while pointing at another host, a page could
 * make Fleetdesk hand the password to a server of its choosing. So when the hosts change, the
 * operator types the password again (ports, TLS files and the rest may change freely).
 */
export function passwordStaysWith(saved: Addresses, draft: Addresses): boolean {
  const a = hostsOf(saved);
  const b = hostsOf(draft);
  return b.every((host) => a.includes(host));
}
