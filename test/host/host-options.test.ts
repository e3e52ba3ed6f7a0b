import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostOptions, type HostOptions } from '../../electron/host/host-options';

const dataDirOf = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  (parseHostOptions(argv, env) as HostOptions).dataDir;

describe('host options', () => {
  it('makes a relative data folder absolute, from the folder the host was started in', () => {
    expect(dataDirOf(['--data-dir', './data'])).toBe(join(process.cwd(), 'data'));
    expect(dataDirOf([], { FLEETDESK_DATA_DIR: 'fleet' })).toBe(join(process.cwd(), 'fleet'));
    expect(dataDirOf(['--data-dir', '/srv/fleetdesk/'])).toBe('/srv/fleetdesk');
  });
});
