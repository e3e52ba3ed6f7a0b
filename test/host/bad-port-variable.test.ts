/**
 * README: `npm run serve -- --help`: "… and FLEETDESK_* equivalents". A bad value is refused naming
 * where it came from: whoever set FLEETDESK_LISTENER_PORT and typed no flag must not be told to fix a
 * flag they never typed.
 */
import { describe, expect, it } from 'vitest';
import { parseHostOptions } from '../../electron/host/host-options';

const errorOf = (argv: string[], env: NodeJS.ProcessEnv) => {
  try {
    parseHostOptions(argv, env);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('npm run serve: a bad port', () => {
  it('in FLEETDESK_LISTENER_PORT is named as that variable, not as --listener-port', () => {
    expect(errorOf([], { FLEETDESK_LISTENER_PORT: '87o7' })).toBe(
      'FLEETDESK_LISTENER_PORT must be a port number from 0 to 65535, got "87o7"',
    );
  });

  it('in FLEETDESK_UI_PORT is named as that variable, not as --ui-port', () => {
    expect(errorOf([], { FLEETDESK_UI_PORT: 'eighty' })).toBe(
      'FLEETDESK_UI_PORT must be a port number from 0 to 65535, got "eighty"',
    );
  });

  it('in a flag is named as the flag, which wins over a good variable', () => {
    expect(errorOf(['--listener-port', '70000'], { FLEETDESK_LISTENER_PORT: '8787' })).toBe(
      '--listener-port must be a port number from 0 to 65535, got "70000"',
    );
  });

  it("given empty or blank (a script's unset $PORT) is refused, not taken as 0, any free port", () => {
    expect(errorOf(['--listener-port', ''], {})).toContain('--listener-port must be a port number');
    expect(errorOf(['--ui-port', ' '], {})).toContain('--ui-port must be a port number');
  });
});
