import { z } from 'zod';
import { isAddressError, parseBrokerAddress } from './broker-address';

const brokerUrl = z
  .string()
  .max(2048)
  .superRefine((url, ctx) => {
    const parsed = parseBrokerAddress(url);
    if (isAddressError(parsed)) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const isTlsUrl = (url: string | undefined): boolean => {
  if (url === undefined) return false;
  const parsed = parseBrokerAddress(url);
  return !isAddressError(parsed) && parsed.tls;
};

/**
 * How Fleetdesk reaches one MQTT broker (protocol.md §1). Holds no password: `passwordRef` names a
 * secret in the host's secret store (safeStorage in Electron, env or a 0600 file headless).
 */
export const BrokerProfileSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(100),
    /** Primary address with host and port, e.g. `mqtt://mqtt.eniris.be:1883`. */
    url: brokerUrl,
    /** The port-80 backup (`mqtt://host:80` or `ws://host:80`), tried when the primary keeps failing. */
    fallbackUrl: brokerUrl.optional(),
    username: z.string().max(256).optional(),
    /** Name of the password in the secret store; never the password itself. */
    passwordRef: z.string().min(1).max(200).optional(),
    /** PEM files for TLS (mqtts:// or wss:// only): a private CA, and a client certificate with its key. */
    caFile: z.string().min(1).max(4096).optional(),
    certFile: z.string().min(1).max(4096).optional(),
    keyFile: z.string().min(1).max(4096).optional(),
    /** Check the broker's certificate (default). Turning it off is for a lab broker only. */
    rejectUnauthorized: z.boolean().default(true),
    /** `auto`: MQTT 5 first, falling back to 3.1.1 when the broker refuses 5. */
    protocol: z.union([z.literal('auto'), z.literal(5), z.literal(4)]).default('auto'),
    /** Allow `+` in subscriptions; otherwise one subscription per installation. `#` is never allowed. */
    allowWildcard: z.boolean().default(false),
    keepaliveSeconds: z.number().int().min(5).max(600).default(30),
  })
  .superRefine((profile, ctx) => {
    const tlsFiles = (['caFile', 'certFile', 'keyFile'] as const).filter((k) => profile[k] !== undefined);
    if (tlsFiles.length > 0 && !isTlsUrl(profile.url) && !isTlsUrl(profile.fallbackUrl)) {
      ctx.addIssue({
        code: 'custom',
        path: [tlsFiles[0] ?? 'caFile'],
        message: 'TLS files need an mqtts:// or wss:// URL',
      });
    }
    if ((profile.certFile === undefined) !== (profile.keyFile === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [profile.certFile === undefined ? 'certFile' : 'keyFile'],
        message: 'a client certificate needs both the certificate file and its key file',
      });
    }
    if (profile.fallbackUrl !== undefined && profile.fallbackUrl === profile.url) {
      ctx.addIssue({
        code: 'custom',
        path: ['fallbackUrl'],
        message: 'the backup URL is the same as the primary URL',
      });
    }
  });

/** A validated profile, defaults filled in. */
export type BrokerProfile = z.infer<typeof BrokerProfileSchema>;
/** What a settings form or a file supplies (defaults may be left out). */
export type BrokerProfileInput = z.input<typeof BrokerProfileSchema>;
