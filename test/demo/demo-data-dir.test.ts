import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../electron/core/data-dir';
import { demoDataDir } from '../../electron/demo/demo-data-dir';

describe('where npm run demo keeps its data', () => {
  it('beside the data folder the operator chose with FLEETDESK_DATA_DIR, never inside it', () => {
    expect(demoDataDir(undefined, { FLEETDESK_DATA_DIR: '/srv/fleetdesk' })).toBe('/srv/fleetdesk-demo');
  });

  it('beside the platform default when nothing is set', () => {
    expect(demoDataDir(undefined, {})).toBe(`${defaultDataDir()}-demo`);
  });

  it('where --data-dir or FLEETDESK_DEMO_DATA_DIR says, in that order', () => {
    const env = { FLEETDESK_DEMO_DATA_DIR: '/tmp/demo-env', FLEETDESK_DATA_DIR: '/srv/fleetdesk' };
    expect(demoDataDir('/tmp/demo-flag', env)).toBe('/tmp/demo-flag');
    expect(demoDataDir(undefined, env)).toBe('/tmp/demo-env');
  });

  it('beside the platform default when the variables are set but empty, as npm run serve reads them', () => {
    // `FLEETDESK_DATA_DIR= npm run demo` must not put the demo in "./-demo" of the current folder.
    expect(demoDataDir(undefined, { FLEETDESK_DATA_DIR: '', FLEETDESK_DEMO_DATA_DIR: '' })).toBe(
      `${defaultDataDir()}-demo`,
    );
  });
});
