import { z } from 'zod';

/**
 * The listener's default rate limits (Settings → Listener). Here rather than in settings.ts so the
 * listener's thread reads them without loading every settings schema.
 */
export const DEFAULT_LISTENER_LIMITS = {
  perAddressPerMinute: 600,
  perBoundTokenPerMinute: 60,
  perIntegrationTokenPerMinute: 6_000,
} as const;

/** Requests a minute one client address or token may send the listener. */
export const RequestsPerMinuteSchema = z.number().int().min(1).max(1_000_000);

/**
 * One trusted reverse proxy, as Express's `trust proxy` takes it: an address, a CIDR block, or one
 * of Express's named ranges. Only a request whose direct peer matches one of these has its client
 * address taken from X-Forwarded-For; anyone else could forge that header.
 *
 * Express hands the list to proxy-addr, which throws (and so takes the listener down) on entries
 * that are valid addresses all the same: a /0 block, and an IPv6 address whose IPv4 tail follows
 * `::` directly (`::10.0.0.1`, `64:ff9b::10.0.0.1`). Both are refused here, where Settings, the API
 * and the settings file all check, with what to write instead (test/listener/trusted-proxies.test.ts
 * checks every entry this schema accepts against proxy-addr).
 */
export const TrustedProxySchema = z
  .union([z.enum(['loopback', 'linklocal', 'uniquelocal']), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
    error: 'must be an IP address, a CIDR block (10.0.0.0/8) or loopback, linklocal, uniquelocal',
  })
  .refine((entry) => !/\/0$/.test(entry), {
    error: 'must not be a /0 block: it would trust every address, so any client could forge its own',
  })
  .refine((entry) => !/::(\d+\.){3}\d+(\/\d+)?$/.test(entry), {
    error:
      'write an IPv4 part that follows :: in hex (::a00:1, not ::10.0.0.1), or give the IPv4 address itself',
  });

export const TrustedProxiesSchema = z.array(TrustedProxySchema).max(32);
