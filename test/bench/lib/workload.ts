/**
 * The callback workload of the ingest benchmark, and how to run a load phase in a process of its
 * own (load-child.ts), so that the generator does not share an event loop with the server it measures.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serialOf } from '../../inventory/fixtures/drafts';
import type { LoadOptions, LoadRequest, LoadResult } from './http-load';

export type CallbackWorkload = {
  /** Bearer tokens, used in turn. */
  tokens: string[];
  /** Installations `serialOf(0..serials-1)` that exist already. */
  serials: number;
  /** Every n-th request is an onboarding call, the others are health reports. */
  onboardingEvery: number;
  /** Every n-th onboarding call is from a controller never seen before. */
  newSerialEvery: number;
  /** Makes this phase's eventIds and new serials unique. */
  tag: string;
};

export type LoadPhase = Omit<LoadOptions, 'next'> & { workload: CallbackWorkload };

const STATUSES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'warning', 'error'] as const;

/** The i-th request of the mixed onboarding and health workload; every one has its own eventId. */
export function callbackRequest(w: CallbackWorkload, i: number): LoadRequest {
  const token = w.tokens[i % w.tokens.length] ?? '';
  const eventId = `${w.tag}-${i}`;
  // A multiplicative hash spreads consecutive requests over the fleet.
  const k = (i * 2_654_435_761) % w.serials;
  const headers = { Authorization: `Bearer ${token}` };
  if (i % w.onboardingEvery === 0) {
    const fresh = Math.floor(i / w.onboardingEvery) % w.newSerialEvery === 0;
    const serialNumber = fresh ? `SG1-N${w.tag}-${i}` : serialOf(k);
    const body = {
      serialNumber,
      contractNumber: `C-${String(k).padStart(6, '0')}`,
      address: { street: `Kerkstraat ${(k % 997) + 1}`, postalCode: '9000', city: 'Gent', country: 'BE' },
      devices: [
        { type: 'storage', model: 'BYD HVS 10.2', nominalPowerW: 5000, capacityWh: 10000 },
        { type: 'solar', nominalPowerW: 6000 },
      ],
      siteNodeId: `${serialNumber}_site_0`,
      fallbackTimeoutSeconds: 300,
      eventId,
      occurredAt: new Date().toISOString(),
    };
    return { path: '/v1/onboarding', headers, body: JSON.stringify(body) };
  }
  const status = STATUSES[i % STATUSES.length] ?? 'ok';
  const body = {
    serialNumber: serialOf(k),
    status,
    errors:
      status === 'ok'
        ? []
        : [{ device: 'storage', code: 'COMM_LOST', message: 'Lost connection with the battery' }],
    devices: [{ type: 'storage', status }],
    eventId,
    occurredAt: new Date().toISOString(),
  };
  return { path: '/v1/health', headers, body: JSON.stringify(body) };
}

/** Runs one phase in a child process (this process keeps serving) and resolves with its result. */
export function runLoadInChild(
  phase: LoadPhase,
  onWindow?: (edge: 'start' | 'end') => void,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'load-child.ts'), JSON.stringify(phase)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let result: LoadResult | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'window start' || line === 'window end')
        onWindow?.(line === 'window start' ? 'start' : 'end');
      else if (line.startsWith('{')) result = JSON.parse(line) as LoadResult;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else if (!result) reject(new Error('load generator printed no result'));
      else resolve(result);
    });
  });
}
