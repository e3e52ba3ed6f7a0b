import { describe, expect, it } from 'vitest';
import { listenerFromEnv } from '../../electron/main/listener-env';

describe('listenerFromEnv', () => {
  it('reads the host and port the headless host also reads', () => {
    expect(listenerFromEnv({ FLEETDESK_LISTENER_HOST: '0.0.0.0', FLEETDESK_LISTENER_PORT: '0' })).toEqual({
      host: '0.0.0.0',
      port: 0,
    });
  });

  it('leaves unset and empty variables to the saved settings', () => {
    expect(listenerFromEnv({})).toEqual({});
    expect(listenerFromEnv({ FLEETDESK_LISTENER_HOST: '', FLEETDESK_LISTENER_PORT: '' })).toEqual({});
  });

  it.each(['http', '-1', '65536', '80.5'])('rejects the port %s', (port) => {
    expect(() => listenerFromEnv({ FLEETDESK_LISTENER_PORT: port })).toThrow(/FLEETDESK_LISTENER_PORT/);
  });
});
