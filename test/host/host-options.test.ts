import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_USAGE, parseHostOptions, type HostOptions } from '../../electron/host/host-options';
import { listenerFromEnv } from '../../electron/main/listener-env';
import { defaultDataDir } from '../../electron/core/data-dir';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseHostOptions(argv, env) as HostOptions;
const dataDirOf = (argv: string[], env: NodeJS.ProcessEnv = {}) => parse(argv, env).dataDir;

describe('host options', () => {
  it('makes a relative data folder absolute, from the folder the host was started in', () => {
    expect(dataDirOf(['--data-dir', './data'])).toBe(join(process.cwd(), 'data'));
    expect(dataDirOf([], { FLEETDESK_DATA_DIR: 'fleet' })).toBe(join(process.cwd(), 'fleet'));
    expect(dataDirOf(['--data-dir', '/srv/fleetdesk/'])).toBe('/srv/fleetdesk');
  });

  it('treats an empty FLEETDESK_* variable as unset, as the desktop app does with the same variables', () => {
    const env = {
      FLEETDESK_LISTENER_HOST: '',
      FLEETDESK_LISTENER_PORT: '',
      FLEETDESK_DATA_DIR: '',
      FLEETDESK_UI_PORT: '',
      FLEETDESK_LISTENER_TOKEN: '',
      FLEETDESK_BROKER: '',
      FLEETDESK_BROKER_FALLBACK: '',
    };
    // The desktop app: empty = unset, so the saved listener settings apply (127.0.0.1:8787).
    expect(listenerFromEnv(env)).toEqual({});
    expect(parse([], env)).toEqual({
      dataDir: defaultDataDir(),
      uiPort: 0,
      listenerHost: undefined,
      listenerPort: undefined,
      listenerToken: undefined,
      broker: undefined,
      brokerFallback: undefined,
    });
  });

  it('reads the broker and its port-80 fallback from FLEETDESK_BROKER and FLEETDESK_BROKER_FALLBACK', () => {
    const env = {
      FLEETDESK_BROKER: 'mqtt://broker.example:1883',
      FLEETDESK_BROKER_FALLBACK: 'mqtt://broker.example:80',
    };
    expect(parse([], env)).toMatchObject({
      broker: 'mqtt://broker.example:1883',
      brokerFallback: 'mqtt://broker.example:80',
    });
    // The command line wins over the variable.
    expect(parse(['--broker-fallback', 'mqtt://other:80'], env).brokerFallback).toBe('mqtt://other:80');
    expect(HOST_USAGE).toContain('FLEETDESK_BROKER)');
    expect(HOST_USAGE).toContain('FLEETDESK_BROKER_FALLBACK');
  });
});
