import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoLauncher } from '../../electron/demo/demo-launcher';
import { createLogger } from '../../electron/core/logger';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';

describe('the "Try the demo fleet" button', () => {
  it('starts one demo beside the instance, on its own data dir, and stops it', async () => {
    const data = tempDir();
    const ui = tempDir();
    writeFileSync(join(ui.path, 'index.html'), '<!doctype html><title>t</title>');
    const launcher = demoLauncher({
      dataDir: `${data.path}-demo`,
      rendererDir: ui.path,
      version: '0',
      log: createLogger('silent'),
    });
    const [first, second] = await Promise.all([launcher.launch(), launcher.launch()]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(second.url).toBe(first.url);
    expect((await fetch(new URL('/', first.url))).status).toBe(200);
    await launcher.stop();
    await expect(fetch(new URL('/', first.url))).rejects.toThrow();
    data.remove();
    rmSync(`${data.path}-demo`, { recursive: true, force: true });
    ui.remove();
  });

  it('is refused with a way forward where the host cannot offer it', async () => {
    const core = makeCore();
    await core.start();
    const answer = await core.call('demo.start', undefined);
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!answer.ok && answer.error.message).toContain('npm run demo');
    await core.stop();
  });
});
