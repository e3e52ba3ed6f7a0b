import { afterAll, describe, expect, it, vi } from 'vitest';
import { startFleet, type Fleet } from '../../electron/simulator/fleet';
import type { HttpRecord, RunRecord } from '../../electron/simulator/run-record';
import { parseFleetSettings } from '../../electron/simulator/options';
import { runCli } from '../../electron/simulator/run-cli';
import { makeCore } from '../support/core-harness';

const TOKEN = 'fallback-timeout-listener-token-0123456789';
const core = makeCore(undefined, TOKEN);
let fleet: Fleet | undefined;
afterAll(async () => {
  await fleet?.stop();
  await core.stop();
});

describe('simulate --fallback-timeout-s', () => {
  it.each([
    ['7.5', 'whole number of seconds'],
    ['0', 'at least 1 second'],
    ['86401', 'at most 86400 seconds'],
  ])(
    'refuses %s up front (exit code 2) instead of onboarding calls the listener rejects',
    async (value, why) => {
      // Checked first so that a regression fails here at once, not after a started fleet's 30 s timeout.
      expect(() => parseFleetSettings({ controllers: 1, fallbackTimeoutS: Number(value) })).toThrow(
        /fallbackTimeoutS/,
      );
      const stderr: string[] = [];
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        stderr.push(String(chunk));
        return true;
      });
      try {
        const code = await runCli([
          '--controllers',
          '1',
          '--listener',
          'http://127.0.0.1:1',
          '--fallback-timeout-s',
          value,
        ]);
        expect(code).toBe(2);
      } finally {
        spy.mockRestore();
      }
      expect(stderr.join('')).toMatch(new RegExp(`^simulate: .*fallbackTimeoutS: must be .*${why}`));
    },
  );

  it('onboards every controller at the longest timeout the real listener takes (86400 s)', async () => {
    await core.start();
    const records: RunRecord[] = [];
    fleet = await startFleet({
      controllers: 3,
      seed: 1,
      listenerUrl: core.info().listenerUrl,
      token: TOKEN,
      fallbackTimeoutS: 86_400,
      httpMaxAttempts: 1,
      onRecord: (r) => records.push(r),
    });
    await fleet.onboarded;
    const onboarding = records.filter(
      (r): r is HttpRecord => r.type === 'http' && r.endpoint === 'onboarding',
    );
    expect(onboarding.map((r) => r.status)).toEqual([202, 202, 202]);
  });
});
