import { describe, expect, it, vi } from 'vitest';
import { helpText, parseCliArgs } from '../../electron/simulator/cli-args';
import { parseFleetSettings } from '../../electron/simulator/options';
import { runCli } from '../../electron/simulator/run-cli';

describe('simulator command line', () => {
  it('maps every flag onto the fleet options', () => {
    const command = parseCliArgs([
      '--controllers',
      '1000',
      '--broker',
      'mqtt://127.0.0.1:1883',
      '--listener',
      'http://127.0.0.1:8080',
      '--token',
      't',
      '--seed',
      '9',
      '--shared-connection',
      '--drop-rate',
      '0.1',
      '--latency-ms',
      '200',
      '--reject-rate',
      '0.05',
      '--disconnect-every-s',
      '30',
      '--clock-skew-s',
      '20',
      '--health-error-rate',
      '0.2',
      '--offboard-rate',
      '0.5',
      '--health-period-s',
      '30',
      '--feedback-period-s',
      '5',
      '--fallback-timeout-s',
      '120',
      '--log',
      'run.jsonl',
      '--contracts-out',
      'contracts.json',
    ]);
    expect(command).toEqual({
      kind: 'run',
      logLevel: 'info',
      contractsOut: 'contracts.json',
      options: {
        controllers: 1000,
        brokerUrl: 'mqtt://127.0.0.1:1883',
        listenerUrl: 'http://127.0.0.1:8080',
        token: 't',
        seed: 9,
        sharedConnection: true,
        cleanSession: true,
        dropRate: 0.1,
        latencyMs: 200,
        rejectRate: 0.05,
        disconnectEveryS: 30,
        clockSkewS: 20,
        healthErrorRate: 0.2,
        offboardRate: 0.5,
        healthPeriodS: 30,
        feedbackPeriodS: 5,
        fallbackTimeoutS: 120,
        logFile: 'run.jsonl',
      },
    });
    if (command.kind === 'run') expect(() => parseFleetSettings(command.options)).not.toThrow();
  });

  it('lists every option in --help', () => {
    const command = parseCliArgs(['--help']);
    expect(command.kind).toBe('help');
    for (const flag of [
      '--controllers',
      '--broker',
      '--listener',
      '--token',
      '--seed',
      '--shared-connection',
      '--drop-rate',
      '--latency-ms',
      '--reject-rate',
      '--disconnect-every-s',
      '--clock-skew-s',
      '--health-error-rate',
      '--offboard-rate',
      '--health-period-s',
      '--feedback-period-s',
      '--fallback-timeout-s',
      '--log',
    ]) {
      expect(helpText()).toContain(flag);
    }
  });

  it('explains mistakes instead of starting', () => {
    expect(parseCliArgs(['--broker', 'mqtt://x'])).toEqual({
      kind: 'error',
      message: '--controllers <n> is required',
    });
    expect(parseCliArgs(['--controllers', '5'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('--broker'),
    });
    expect(parseCliArgs(['--controllers', 'many', '--broker', 'mqtt://x'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining("'many'"),
    });
    expect(parseCliArgs(['--bogus'])).toMatchObject({ kind: 'error' });
    const bad = parseCliArgs(['--controllers', '5', '--broker', 'mqtt://x', '--drop-rate', '2']);
    if (bad.kind !== 'run') throw new Error('expected run');
    expect(() => parseFleetSettings(bad.options)).toThrow(/dropRate/);
  });

  it('explains an unknown --log-level in one line (exit code 2) instead of crashing with a stack trace', async () => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      // An unreachable broker: the flag must be refused before anything tries to connect.
      const args = ['--controllers', '1', '--broker', 'mqtt://127.0.0.1:1', '--log-level', 'verbose'];
      const code = await runCli(args).catch((error: unknown) => `threw: ${String(error)}`);
      expect(code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr.join('')).toMatch(/^simulate: --log-level expects one of .*debug.*silent, got 'verbose'\n/);
  });

  it('accepts every level pino knows, and silent', () => {
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']) {
      expect(
        parseCliArgs(['--controllers', '1', '--broker', 'mqtt://x', '--log-level', level]),
      ).toMatchObject({
        kind: 'run',
        logLevel: level,
      });
    }
  });
});
