/**
 * `npm run serve -- --data-dir ./data`: a data folder given as a relative path must still let the
 * operator restore the backups the list offers (restore compares them with the backups folder).
 */
import { relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { onboard } from '../broker-settings/support';

let core: Core | undefined;
const dirs: Array<{ remove(): void }> = [];
afterEach(async () => {
  await core?.stop();
  core = undefined;
  dirs.splice(0).forEach((d) => d.remove());
});

describe('backups with a data folder given as a relative path', () => {
  it('restores a backup the list offers', async () => {
    const dir = tempDir('fleetdesk-rel-');
    dirs.push(dir);
    core = makeCore(relative(process.cwd(), dir.path));
    await core.start();
    await onboard(core, 'SG1-000001');
    await callCore(core, 'data.backup');
    const [newest] = await callCore<Array<{ path: string }>>(core, 'data.listBackups');
    const r = await core.call('data.restore', { path: newest!.path });
    expect(r.ok ? 'restored' : r.error.message).toBe('restored');
  });
});
