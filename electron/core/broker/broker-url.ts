import type { BrokerProfileInput } from '../../../shared/domain/broker/broker-profile';
import { PASSWORD_ENV, PASSWORD_FILE_ENV } from './headless-secrets';

export const USERNAME_ENV = 'FLEETDESK_BROKER_USERNAME';
/** The secret name the headless host's broker password goes by (any name answers it). */
export const HEADLESS_PASSWORD_REF = 'broker-password';

function option(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === name) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new Error(`${name} needs a value, e.g. ${name} mqtt://host:1883`);
      return value;
    }
    if (arg?.startsWith(`${name}=`) === true) return arg.slice(name.length + 1);
  }
  return undefined;
}

/**
 * A broker profile for automation: `--broker <url>` (and optionally `--broker-fallback <url>`)
 * from the command line, the username from `FLEETDESK_BROKER_USERNAME`, and a password reference
 * when `FLEETDESK_BROKER_PASSWORD(_FILE)` is set (read later through `headlessSecrets`). Answers
 * undefined without `--broker`; the link validates the result (`BrokerProfileSchema`).
 */
export function profileFromArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): BrokerProfileInput | undefined {
  const url = option(argv, '--broker');
  if (url === undefined) return undefined;
  const fallbackUrl = option(argv, '--broker-fallback');
  const username = env[USERNAME_ENV];
  const hasPassword = [env[PASSWORD_ENV], env[PASSWORD_FILE_ENV]].some((v) => v !== undefined && v !== '');
  return {
    id: 'cli',
    name: 'broker from the command line',
    url,
    ...(fallbackUrl !== undefined ? { fallbackUrl } : {}),
    ...(username !== undefined && username !== '' ? { username } : {}),
    ...(hasPassword ? { passwordRef: HEADLESS_PASSWORD_REF } : {}),
  };
}
