import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../../electron/demo/demo-args';
import { tempDir } from '../support/temp-dir';

const DEMO_CLI = resolve(import.meta.dirname, '../../electron/demo/cli.ts');

describe('npm run demo options', () => {
  it('uses the documented defaults', () => {
    expect(parseDemoArgs([], { FLEETDESK_DATA_DIR: '/data/fleetdesk' })).toEqual({
      dataDir: '/data/fleetdesk-demo',
      controllers: 50,
      uiPort: 0,
      seed: 1,
      healthPeriodS: 30,
    });
    expect(parseDemoArgs(['--help'], {})).toBe('help');
  });

  it.each([
    [['--seed', 'abc'], '--seed must be a whole number, got "abc"'],
    [['--seed', '1.5'], '--seed must be a whole number, got "1.5"'],
    [['--ui-port', 'abc'], '--ui-port must be a whole number from 0 to 65535, got "abc"'],
    [['--ui-port', '70000'], '--ui-port must be a whole number from 0 to 65535, got "70000"'],
    [['--controllers', '0'], '--controllers must be a whole number from 1 to 10000, got "0"'],
    [['--health-period', 'often'], '--health-period must be a number of seconds above 0, got "often"'],
  ])('refuses %j, naming the flag', (argv, message) => {
    expect(() => parseDemoArgs(argv, {})).toThrow(message);
  });

  it('stops on a non-numeric --seed before it starts anything or writes demo data', async () => {
    const parent = tempDir();
    const dataDir = join(parent.path, 'demo-data');
    try {
      const run = promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', DEMO_CLI, '--data-dir', dataDir, '--seed', 'abc'],
        {
          timeout: 60_000,
        },
      );
      const failure = await run.then(
        () => undefined,
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toBe('fleetdesk demo: --seed must be a whole number, got "abc"\n');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      parent.remove();
    }
  }, 60_000);
});
