import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { deviceTypes, type HealthReport } from './health-episodes';
import { postJsonWithRetry, type PostResult, type RetryPolicy } from './http-client';
import type { Limiter } from './limiter';
import type { Rng } from './prng';
import type { ControllerSpec } from './spec';

export interface ListenerClientOptions {
  baseUrl: string;
  token?: string;
  clock: Clock;
  rng: Rng;
  limit: Limiter;
  policy: RetryPolicy;
  signal: AbortSignal;
}

/** A finished call: the result plus the eventId that was sent on every attempt. */
export type CallResult = PostResult & { eventId: string };

/** The three callbacks a controller makes to the supplier's listener (listener-api.md). */
export interface ListenerClient {
  onboard(spec: ControllerSpec, nowMs: number): Promise<CallResult>;
  health(spec: ControllerSpec, report: HealthReport, nowMs: number): Promise<CallResult>;
  offboard(spec: ControllerSpec, reason: string, nowMs: number): Promise<CallResult>;
  /** Resolves when no call is in flight (used by fleet.stop() after aborting). */
  settled(): Promise<void>;
}

/** occurredAt as the controller's (possibly skewed) clock reads it. */
const occurredAt = (spec: ControllerSpec, nowMs: number): string =>
  new Date(nowMs + spec.skewS * 1000).toISOString();

/** The onboarding body: what the installer and customer configured, mistakes included. */
export function onboardingBody(
  spec: ControllerSpec,
  nowMs: number,
  eventId: string,
): Record<string, unknown> {
  const devices = deviceTypes(spec).map((type) => {
    switch (type) {
      case 'storage':
        return {
          type,
          model: spec.storage.model,
          nominalPowerW: spec.storage.nominalPowerW,
          capacityWh: spec.storage.capacityWh,
        };
      case 'solar':
        return { type, model: spec.solar.model, nominalPowerW: spec.solar.peakW };
      case 'ev':
        return { type, model: spec.ev?.model, nominalPowerW: spec.ev?.nominalPowerW };
      case 'hvac':
        return { type, model: spec.hvac?.model, nominalPowerW: spec.hvac?.nominalPowerW };
      case 'meter':
        return { type, model: 'SimMeter' };
    }
  });
  return {
    serialNumber: spec.serial,
    ...(spec.reported.contractNumber !== undefined ? { contractNumber: spec.reported.contractNumber } : {}),
    ...(spec.reported.address !== undefined ? { address: spec.reported.address } : {}),
    devices,
    siteNodeId: spec.siteNodeId,
    fallbackTimeoutSeconds: spec.fallbackTimeoutS,
    eventId,
    occurredAt: occurredAt(spec, nowMs),
  };
}

/** Creates the client; every call goes through the shared limiter and retry policy. */
export function createListenerClient(options: ListenerClientOptions): ListenerClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const inFlight = new Set<Promise<CallResult>>();
  const post = (path: string, body: Record<string, unknown>, eventId: string): Promise<CallResult> => {
    const call = send(path, body, eventId);
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
    return call;
  };
  const send = (path: string, body: Record<string, unknown>, eventId: string): Promise<CallResult> =>
    options.limit(async () => {
      const result = await postJsonWithRetry(`${base}${path}`, body, {
        ...(options.token !== undefined ? { token: options.token } : {}),
        idempotencyKey: eventId,
        policy: options.policy,
        clock: options.clock,
        rng: options.rng,
        signal: options.signal,
      });
      return { ...result, eventId };
    });
  return {
    onboard(spec, nowMs) {
      const eventId = randomUUID();
      return post('/v1/onboarding', onboardingBody(spec, nowMs, eventId), eventId);
    },
    health(spec, report, nowMs) {
      const eventId = randomUUID();
      return post(
        '/v1/health',
        { serialNumber: spec.serial, ...report, eventId, occurredAt: occurredAt(spec, nowMs) },
        eventId,
      );
    },
    offboard(spec, reason, nowMs) {
      const eventId = randomUUID();
      return post(
        '/v1/offboarding',
        { serialNumber: spec.serial, reason, eventId, occurredAt: occurredAt(spec, nowMs) },
        eventId,
      );
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
