import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Configuration } from 'electron-builder';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * electron-builder's own loader and schema check (the ones `electron-builder --config` runs first),
 * reached through app-builder-lib's internals because packaging itself cannot run here: it needs
 * the Electron binary. If electron-builder moves these files, this test fails loudly, not silently.
 */
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', async () => {
  const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);

  it("passes electron-builder's schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and packs only the built bundles', () => {
    expect(config.appId).toBe('be.fleetdesk.app');
    expect(config.productName).toBe('Fleetdesk');
    expect(config.files).toEqual([
      {
        filter: [
          'dist/renderer/**/*',
          'dist-electron/**/*',
          'package.json',
          '!**/*.map',
          '!node_modules/**/*',
        ],
      },
    ]);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('targets AppImage and deb, NSIS, and dmg', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });
});
