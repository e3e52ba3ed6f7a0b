import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerProfilesView, BrokerTestResult } from '../../shared/contract/broker-methods';
import type { LinkView } from '../../shared/contract/control-methods';
import type { Settings } from '../../shared/domain/settings';
import { backupUrlFor } from '../../electron/core/broker/profile-test';
import { callCore, makeCore } from '../support/core-harness';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { freePort } from '../support/net';
import { tempDir } from '../support/temp-dir';

let broker: MosquittoBroker;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

const PASSWORD = 'pa55-never-on-disk';

describe('broker profiles over the API', () => {
  it('saves a profile with a write-only password: listed as stored, never answered or written', async () => {
    const dir = tempDir();
    const core = makeCore(dir.path);
    await core.start();
    try {
      const view = await callCore<BrokerProfilesView>(core, 'broker.saveProfile', {
        profile: { id: 'p1', name: 'Eniris', url: 'mqtt://mqtt.example.com:1883', username: 'ada' },
        password: PASSWORD,
      });
      expect(view.profiles).toHaveLength(1);
      expect(view.profiles[0]?.passwordStored).toBe(true);
      expect(view.profiles[0]?.profile.passwordRef).toBe('broker-profile/p1');
      expect(JSON.stringify(view)).not.toContain(PASSWORD);
      expect(view.passwords.persistent).toBe(false);
      expect(view.passwords.keptWhere).toMatch(/this run only/);
      const settings = await callCore<Settings>(core, 'settings.get');
      expect(JSON.stringify(settings)).not.toContain(PASSWORD);
      expect(readFileSync(join(dir.path, 'settings.json'), 'utf8')).not.toContain(PASSWORD);
      expect(settings.brokerProfiles[0]?.protocol).toBe('auto');

      // Saving again without a password keeps it; forgetting it clears it.
      const kept = await callCore<BrokerProfilesView>(core, 'broker.saveProfile', {
        profile: { id: 'p1', name: 'Eniris renamed', url: 'mqtt://mqtt.example.com:1883', username: 'ada' },
      });
      expect(kept.profiles[0]?.passwordStored).toBe(true);
      expect(kept.profiles[0]?.profile.name).toBe('Eniris renamed');
      // The stored password never follows the profile to another host: it must be typed again.
      const moved = await core.call('broker.saveProfile', {
        profile: { id: 'p1', name: 'Eniris renamed', url: 'mqtt://evil.example.net:1883', username: 'ada' },
      });
      expect(moved).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/type the password again/) },
      });
      const retyped = await callCore<BrokerProfilesView>(core, 'broker.saveProfile', {
        profile: { id: 'p1', name: 'Eniris renamed', url: 'mqtt://mqtt2.example.com:1883', username: 'ada' },
        password: PASSWORD,
      });
      expect(retyped.profiles[0]?.profile.url).toBe('mqtt://mqtt2.example.com:1883');
      const forgot = await callCore<BrokerProfilesView>(core, 'broker.saveProfile', {
        profile: { id: 'p1', name: 'Eniris renamed', url: 'mqtt://mqtt.example.com:1883' },
        forgetPassword: true,
      });
      expect(forgot.profiles[0]?.passwordStored).toBe(false);
      expect(forgot.profiles[0]?.profile.passwordRef).toBeUndefined();

      const gone = await callCore<BrokerProfilesView>(core, 'broker.deleteProfile', { id: 'p1' });
      expect(gone.profiles).toEqual([]);
    } finally {
      await core.stop();
      dir.remove();
    }
  });

  it('refuses an invalid URL, profiles through settings.update, and an unknown id, in words', async () => {
    const core = makeCore();
    await core.start();
    try {
      const bad = await core.call('broker.saveProfile', {
        profile: { id: 'p', name: 'P', url: 'http://host' },
      });
      expect(bad.ok ? '' : bad.error.message).toMatch(/profile\.url: expected mqtt:\/\//);
      const sneaky = await core.call('settings.update', {
        brokerProfiles: [{ id: 'x', name: 'X', url: 'mqtt://h:1883', passwordRef: 'broker-profile/other' }],
      });
      expect(sneaky.ok ? '' : sneaky.error.message).toMatch(/broker\.saveProfile/);
      const unknown = await core.call('broker.connectProfile', { id: 'nope' });
      expect(unknown.ok ? '' : unknown.error.message).toBe('no broker profile "nope"');
    } finally {
      await core.stop();
    }
  });

  it('connects with a saved profile, and connects it again at the next start', async () => {
    const dir = tempDir();
    const first = makeCore(dir.path);
    await first.start();
    await callCore(first, 'broker.saveProfile', { profile: { id: 'lab', name: 'Lab', url: broker.url } });
    const link = await callCore<LinkView>(first, 'broker.connectProfile', { id: 'lab' });
    expect(link.state).toBe('connected');
    expect((await callCore<Settings>(first, 'settings.get')).activeBrokerProfileId).toBe('lab');
    await first.stop();

    const second = makeCore(dir.path);
    await second.start();
    try {
      await expect.poll(() => second.services().broker.state().kind, { timeout: 15_000 }).toBe('connected');
      const view = await callCore<BrokerProfilesView>(second, 'broker.listProfiles');
      expect(view.activeId).toBe('lab');
      expect(view.profiles[0]?.active).toBe(true);
    } finally {
      await second.stop();
      dir.remove();
    }
  });

  it('tests a profile in words and hangs up', async () => {
    const core = makeCore();
    await core.start();
    try {
      const result = await callCore<BrokerTestResult>(core, 'broker.testProfile', {
        profile: { id: 'draft', name: 'Draft', url: broker.url, protocol: 4 },
      });
      expect(result.ok).toBe(true);
      expect(result.summary).toBe(`${broker.url}: connected with MQTT 3.1.1.`);
      expect(core.services().broker.state().kind).toBe('unconfigured');

      const dead = `mqtt://127.0.0.1:${await freePort()}`;
      const failed = await callCore<BrokerTestResult>(core, 'broker.testProfile', {
        profile: { id: 'draft', name: 'Draft', url: dead },
      });
      expect(failed.ok).toBe(false);
      expect(failed.summary).toMatch(/connection refused/);
      expect(failed.offerBackupUrl).toBeNull();
    } finally {
      await core.stop();
    }
  });
});

describe('the port-80 backup', () => {
  it('is the same host on port 80 for plain addresses only', () => {
    expect(backupUrlFor('mqtt://mqtt.eniris.be:1883')).toBe('mqtt://mqtt.eniris.be:80');
    expect(backupUrlFor('ws://mqtt.eniris.be:8080/mqtt')).toBe('ws://mqtt.eniris.be:80/mqtt');
    expect(backupUrlFor('mqtt://mqtt.eniris.be:80')).toBeNull();
    expect(backupUrlFor('mqtts://mqtt.eniris.be:8883')).toBeNull();
  });
});
