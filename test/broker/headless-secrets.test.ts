import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADLESS_PASSWORD_REF, profileFromArgs } from '../../electron/core/broker/broker-url';
import { headlessSecrets } from '../../electron/core/broker/headless-secrets';
import { BrokerProfileSchema } from '../../shared/domain/broker/broker-profile';
import { tempDir } from '../support/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
async function passwordFile(content: string, mode: number): Promise<string> {
  const d = tempDir('fleetdesk-secret-');
  dirs.push(d);
  const path = join(d.path, 'broker-password');
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

describe('headlessSecrets', () => {
  it('reads FLEETDESK_BROKER_PASSWORD', async () => {
    expect(await headlessSecrets({ FLEETDESK_BROKER_PASSWORD: 's3cret' }).get('any')).toBe('s3cret');
    expect(await headlessSecrets({}).get('any')).toBeUndefined();
  });

  it('reads an owner-only password file (0600 or 0400), without its trailing newline', async () => {
    for (const mode of [0o600, 0o400]) {
      const path = await passwordFile('s3cret\n', mode);
      expect(await headlessSecrets({ FLEETDESK_BROKER_PASSWORD_FILE: path }, 'linux').get('any')).toBe(
        's3cret',
      );
    }
  });

  it.each([0o644, 0o640, 0o604, 0o660])(
    'refuses a password file with mode %o, saying how to fix it',
    async (mode) => {
      const path = await passwordFile('s3cret', mode);
      await expect(
        headlessSecrets({ FLEETDESK_BROKER_PASSWORD_FILE: path }, 'linux').get('any'),
      ).rejects.toThrow(
        `the broker password file ${path} is accessible to other users (mode ${mode.toString(8)}): run chmod 600 ${path}`,
      );
    },
  );

  it('refuses a missing or empty file, and both variables at once', async () => {
    await expect(
      headlessSecrets({ FLEETDESK_BROKER_PASSWORD_FILE: '/nonexistent/pw' }).get('x'),
    ).rejects.toThrow(/cannot be read \(ENOENT\)/);
    const empty = await passwordFile('\n', 0o600);
    await expect(headlessSecrets({ FLEETDESK_BROKER_PASSWORD_FILE: empty }).get('x')).rejects.toThrow(
      /is empty/,
    );
    await expect(
      headlessSecrets({ FLEETDESK_BROKER_PASSWORD_FILE: empty, FLEETDESK_BROKER_PASSWORD: 'a' }).get('x'),
    ).rejects.toThrow('set FLEETDESK_BROKER_PASSWORD_FILE or FLEETDESK_BROKER_PASSWORD, not both');
  });
});

describe('profileFromArgs', () => {
  it('builds a valid profile from --broker and the environment', () => {
    const input = profileFromArgs(
      [
        '--port',
        '8080',
        '--broker',
        'mqtt://mqtt.eniris.be:1883',
        '--broker-fallback=ws://mqtt.eniris.be:80',
      ],
      {
        FLEETDESK_BROKER_USERNAME: 'supplier',
        FLEETDESK_BROKER_PASSWORD: 'x',
      },
    );
    expect(BrokerProfileSchema.parse(input)).toMatchObject({
      url: 'mqtt://mqtt.eniris.be:1883',
      fallbackUrl: 'ws://mqtt.eniris.be:80',
      username: 'supplier',
      passwordRef: HEADLESS_PASSWORD_REF,
    });
    expect(JSON.stringify(input)).not.toContain('"x"');
  });

  it('answers undefined without --broker, no password reference without a password, and refuses a bare flag', () => {
    expect(profileFromArgs(['--port', '1'], {})).toBeUndefined();
    expect(profileFromArgs(['--broker', 'mqtt://h:1883'], {})).not.toHaveProperty('passwordRef');
    expect(() => profileFromArgs(['--broker'], {})).toThrow(/--broker needs a value/);
  });
});
