import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCustomMosquitto, type CustomMosquitto } from './support/custom-mosquitto';
import { makeLink, profile, waitFor } from './support/links';

const PASSWD = '/usr/bin/mosquitto_passwd';
const available = existsSync(PASSWD);
if (!available)
  console.log(`skipping broker credential tests: ${PASSWD} not found (apt-get install mosquitto-clients)`);

let broker: CustomMosquitto;
beforeAll(async () => {
  if (!available) return;
  broker = await startCustomMosquitto(async (dir) => {
    const passwords = join(dir, 'passwd');
    await writeFile(passwords, '', { mode: 0o600 });
    await promisify(execFile)(PASSWD, ['-b', passwords, 'fleet', 'right-password']);
    const acl = join(dir, 'acl');
    await writeFile(
      acl,
      ['user fleet', 'topic readwrite fleetdesk/#', 'topic readwrite allowed/#', ''].join('\n'),
    );
    return ['allow_anonymous false', `password_file ${passwords}`, `acl_file ${acl}`];
  });
});
afterAll(async () => {
  await broker?.stop();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function link(password: string | undefined, protocol: 'auto' | 4 | 5 = 'auto') {
  const made = makeLink({}, password === undefined ? {} : { 'broker:test': password });
  cleanups.push(() => made.link.disconnect());
  return {
    ...made,
    profile: profile(broker.url, { username: 'fleet', passwordRef: 'broker:test', protocol }),
  };
}

describe.skipIf(!available)(
  'BrokerLink credentials and broker refusals (mosquitto with passwords and ACL)',
  () => {
    it.each([5, 4] as const)(
      'wrong password over MQTT %s: keeps retrying and says so in words',
      async (protocol) => {
        const { link: l, profile: p } = link('wrong-password', protocol);
        const state = await l.connect(p);
        expect(state).toMatchObject({
          kind: 'reconnecting',
          lastError: 'not authorised: check the username and password',
        });
        expect(l.diagnostics().lastError).toBe('not authorised: check the username and password');
        // Credentials do not fix themselves: the retry waits the maximum back-off, not the minimum.
        expect(l.diagnostics().pending.timers).toBe(1);
      },
    );

    it('a missing stored password is reported before any connection is tried', async () => {
      const { link: l, profile: p } = link(undefined);
      const state = await l.connect(p);
      expect(state).toMatchObject({
        kind: 'reconnecting',
        lastError: expect.stringMatching(/no password is stored.*broker:test/),
      });
    });

    it('the right password connects; a publish the ACL denies is refused by the MQTT 5 PUBACK, in words', async () => {
      const { link: l, profile: p } = link('right-password');
      expect((await l.connect(p)).kind).toBe('connected');
      expect(await l.publish('allowed/cmd', 'x', { deadlineMs: 2000 })).toMatchObject({ kind: 'acked' });
      expect(await l.publish('denied/cmd', 'x', { deadlineMs: 2000 })).toEqual({
        kind: 'refused',
        reason: 'the broker refused the publish: not authorised for this topic',
      });
      // The ping topic fleetdesk/<id>/ping is allowed, so latency is measured on this broker too.
      await waitFor('latency', () => l.diagnostics().latencyMs);
    });

    it('MQTT 3.1.1 has no PUBACK refusal: the broker acks and drops a denied publish (why acked is not applied)', async () => {
      const { link: l, profile: p } = link('right-password', 4);
      expect((await l.connect(p)).kind).toBe('connected');
      expect(await l.publish('denied/cmd', 'x', { deadlineMs: 2000 })).toMatchObject({ kind: 'acked' });
    });
  },
);
