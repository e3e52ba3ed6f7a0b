import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityPage } from '../../shared/contract/activity-methods';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { addressWithoutCredentials } from '../../electron/core/api/operator-audit';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const PASSWORD = 'audit-broker-password-77';

/** Every journal file's text, archive included: where a secret must never end up. */
function journalText(dataDir: string): string {
  const dir = join(dataDir, 'journal');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

async function settingsActivity(core: ReturnType<typeof makeCore>) {
  const page = await callCore<ActivityPage>(core, 'activity.query', {
    filter: { categories: ['settings', 'data'] },
  });
  return page.rows.map((r) => ({ type: r.type, actor: r.actor, summary: r.summary })).reverse();
}

describe('operator actions in Settings go into the audit trail', () => {
  it('records settings, tokens, broker profiles and backups with who did them, and no secret', async () => {
    const dir = tempDir();
    const core = makeCore(dir.path);
    await core.start();
    try {
      await callCore(core, 'settings.update', { operatorName: 'Grace' });
      await callCore(core, 'settings.update', { listener: { perAddressPerMinute: 1200 }, stalePeriods: 4 });
      // Saving a form that changes nothing records nothing.
      await callCore(core, 'settings.update', { stalePeriods: 4, autoLinkExactMatches: true });
      const integration = await callCore<{ secret: string; token: { id: string } }>(core, 'tokens.create', {
        label: 'Eniris integration',
        serial: null,
      });
      const bound = await callCore<{ secret: string; token: { id: string } }>(core, 'tokens.create', {
        label: 'one controller',
        serial: 'SG1-0042',
      });
      await callCore(core, 'tokens.revoke', { id: bound.token.id });
      await callCore(core, 'broker.saveProfile', {
        profile: { id: 'p1', name: 'Eniris', url: 'mqtt://mqtt.example.com:1883', username: 'ada' },
        password: PASSWORD,
      });
      await callCore(core, 'broker.deleteProfile', { id: 'p1' });
      await callCore(core, 'broker.disconnect');
      const backup = await callCore<{ path: string }>(core, 'data.backup');

      expect(await settingsActivity(core)).toEqual([
        // Whoever types their name in is the one acting: the change is theirs.
        { type: 'settings.changed', actor: 'Grace', summary: 'Settings changed: operatorName "" → "Grace"' },
        {
          type: 'settings.changed',
          actor: 'Grace',
          summary: 'Settings changed: listener.perAddressPerMinute 600 → 1200, stalePeriods 3 → 4',
        },
        {
          type: 'token.created',
          actor: 'Grace',
          summary: 'Listener token "Eniris integration" created for the whole integration',
        },
        {
          type: 'token.created',
          actor: 'Grace',
          summary: 'Listener token "one controller" created for SG1-0042 only',
        },
        { type: 'token.revoked', actor: 'Grace', summary: 'Listener token "one controller" revoked' },
        {
          type: 'broker.changed',
          actor: 'Grace',
          summary: 'Broker profile "Eniris" saved (mqtt://mqtt.example.com:1883)',
        },
        {
          type: 'broker.changed',
          actor: 'Grace',
          summary: 'Broker profile "Eniris" deleted (mqtt://mqtt.example.com:1883)',
        },
        { type: 'broker.changed', actor: 'Grace', summary: 'Disconnected from the broker' },
        { type: 'backup.created', actor: 'Grace', summary: `Backup written to ${backup.path}` },
      ]);

      // A token bound to a controller shows on that installation's timeline too, once it exists.
      const tokens = await callCore<ActivityPage>(core, 'activity.query', { filter: { serial: 'SG1-0042' } });
      expect(tokens.rows.map((r) => r.type)).toEqual(['token.revoked', 'token.created']);

      const journal = journalText(dir.path);
      for (const secret of [PASSWORD, integration.secret, bound.secret])
        expect(journal).not.toContain(secret);
    } finally {
      await core.stop();
      dir.remove();
    }
  });

  it('names an installation’s token changes on its timeline', async () => {
    const token = 'audit-test-token-0001';
    const core = makeCore(undefined, token);
    await core.start();
    try {
      const res = await fetch(`${core.info().listenerUrl}/v1/onboarding`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          serialNumber: 'SG1-0007',
          contractNumber: 'C-7',
          address: 'Kerkstraat 7, 9000 Gent',
        }),
      });
      expect(res.status).toBe(202);
      await callCore(core, 'tokens.create', { label: 'its own token', serial: 'SG1-0007' });
      const view = await callCore<InstallationView>(core, 'installation.get', { serial: 'SG1-0007' });
      expect(view.timeline.map((t) => t.summary)).toContain(
        'Listener token "its own token" created for SG1-0007 only',
      );
    } finally {
      await core.stop();
    }
  });

  it('never writes credentials typed into a broker address', () => {
    expect(addressWithoutCredentials('mqtt://ada:secret@broker.example.com:1883')).toBe(
      'mqtt://broker.example.com:1883',
    );
    expect(addressWithoutCredentials('wss://broker.example.com/mqtt')).toBe('wss://broker.example.com/mqtt');
    expect(addressWithoutCredentials('not a url')).toBe('(not a valid address)');
  });
});
