import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

const cores: Core[] = [];
const dirs: Array<{ path: string; remove(): void }> = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  dirs.splice(0).forEach((d) => d.remove());
});

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

async function started(dataDir: string, listenerToken?: string): Promise<Core> {
  const core = makeCore(dataDir, listenerToken);
  cores.push(core);
  await core.start();
  return core;
}

function health(core: Core, secret: string, serialNumber: string): Promise<number> {
  return fetch(`${core.info().listenerUrl}/v1/health`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serialNumber, status: 'ok' }),
  }).then((r) => r.status);
}

describe('listener tokens: a serial the token could never be used with', () => {
  it('is refused when the token is created, and the token list keeps working', async () => {
    const core = await started(dataDir());
    const refused = await core.call('tokens.create', { label: 'Typo', serial: 'SN GOOD 2' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/serial.*must be 1-64 characters/);
    expect(await callCore(core, 'tokens.list')).toEqual([]);
  });
});

describe('listener tokens: a file with one entry that does not pass', () => {
  it('keeps every other token working across restarts and keeps a copy of the file as it was', async () => {
    const dir = dataDir();
    const first = await started(dir);
    const { secret } = await callCore<{ secret: string }>(first, 'tokens.create', {
      label: 'Good controller',
      serial: 'SN-GOOD',
    });
    expect(await health(first, secret, 'SN-GOOD')).toBe(202);
    await first.stop();
    cores.splice(0);

    // An entry an older build (or a hand edit) left behind: its serial fails the schema.
    const file = join(dir, 'listener-tokens.json');
    const original = JSON.parse(readFileSync(file, 'utf8')) as { tokens: Array<Record<string, unknown>> };
    const bad = {
      ...original.tokens[0],
      id: 'bad-1',
      label: 'Typo',
      serial: 'SN GOOD 2',
      hash: 'f'.repeat(64),
    };
    writeFileSync(file, JSON.stringify({ tokens: [...original.tokens, bad] }));
    const asWritten = readFileSync(file, 'utf8');

    // Started with --listener-token too: adding that token must not write the good one away.
    const second = await started(dir, 'automation-token-123456');
    expect(await health(second, secret, 'SN-GOOD')).toBe(202);
    expect(await health(second, 'automation-token-123456', 'SN-GOOD')).toBe(202);
    const notices = await callCore<Array<{ title: string; detail: string }>>(second, 'notices.list');
    const notice = notices.find((n) => n.title === '1 listener token could not be read');
    expect(notice?.detail).toMatch(/the other 1 work/);
    const copy = /kept at (.+)\.$/.exec(notice?.detail ?? '')?.[1] ?? '';
    expect(existsSync(copy)).toBe(true);
    expect(readFileSync(copy, 'utf8')).toBe(asWritten);
    expect(readdirSync(dir).filter((f) => f.startsWith('listener-tokens.corrupt-'))).toHaveLength(1);
    await second.stop();
    cores.splice(0);

    // The next start reads a clean file: no notice, both tokens still accepted.
    const third = await started(dir);
    expect(await health(third, secret, 'SN-GOOD')).toBe(202);
    expect(await health(third, 'automation-token-123456', 'SN-GOOD')).toBe(202);
    const later = await callCore<Array<{ title: string }>>(third, 'notices.list');
    expect(later.map((n) => n.title)).not.toContain('1 listener token could not be read');
  });
});

describe('listener tokens: a file holding JSON that is not an object', () => {
  it.each([['null'], ['[]'], ['"tokens"']])(
    'moves %s aside with its bytes intact and tells the operator',
    async (content) => {
      const dir = dataDir();
      writeFileSync(join(dir, 'listener-tokens.json'), content);
      const core = await started(dir);
      const notices = await callCore<Array<{ title: string; detail: string }>>(core, 'notices.list');
      const notice = notices.find((n) => n.title === 'Listener tokens could not be read');
      expect(notice?.detail).toMatch(/not a JSON object/);
      const moved = readdirSync(dir).filter((f) => f.startsWith('listener-tokens.corrupt-'));
      expect(moved).toHaveLength(1);
      expect(readFileSync(join(dir, moved[0] ?? ''), 'utf8')).toBe(content);
    },
  );
});

describe('listener tokens: a --listener-token revoked in Settings', () => {
  it('stays revoked at the next start with the same flag, and a notice says so', async () => {
    const dir = dataDir();
    const secret = 'automation-token-leaked-1';
    const first = await started(dir, secret);
    expect(await health(first, secret, 'SN-1')).toBe(202);
    const [token] = await callCore<Array<{ id: string }>>(first, 'tokens.list');
    await callCore(first, 'tokens.revoke', { id: token?.id });
    expect(await health(first, secret, 'SN-1')).toBe(401);
    await first.stop();
    cores.splice(0);

    // A script still starting the host with the leaked token must not bring it back to life.
    const second = await started(dir, secret);
    expect(await health(second, secret, 'SN-1')).toBe(401);
    const notices = await callCore<Array<{ level: string; title: string; detail: string }>>(
      second,
      'notices.list',
    );
    expect(notices).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        title: 'The --listener-token given at start is revoked',
        detail: expect.stringMatching(/revoked in Settings on .*refused.*new token/),
      }),
    );
  });
});
