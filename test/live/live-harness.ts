import type { BrokerPort, InboundMessage } from '../../electron/core/broker/broker-port';
import { systemClock } from '../../electron/core/clock';
import { LiveValues } from '../../electron/core/live/live-values';
import { createLogger } from '../../electron/core/logger';
import type { Device } from '../../shared/domain/inventory/installation';
import { DEFAULT_PROFILE, feedbackTopic } from '../../shared/protocol/profile';

/** LiveValues on a broker port that only delivers what the test hands it (default profile). */
export function liveOnFakeBroker(
  seenDurableAt: (serial: string) => number | undefined = () => undefined,
  devicesOf?: (serial: string) => Device[] | undefined,
  siteNodeIdOf?: (serial: string) => string | null | undefined,
) {
  let deliver: (m: InboundMessage) => void = () => undefined;
  const broker = {
    onMessage: (listener: (m: InboundMessage) => void) => {
      deliver = listener;
      return () => undefined;
    },
    onState: () => () => undefined,
    subscribe: async () => undefined,
  } as unknown as BrokerPort;
  const seen: Array<[string, number]> = [];
  const live = new LiveValues({
    broker,
    profile: () => DEFAULT_PROFILE,
    clock: systemClock,
    log: createLogger('silent'),
    onReading: () => undefined,
    onSeen: (serial, at) => seen.push([serial, at]),
    isKnown: () => true,
    seenDurableAt,
    ...(devicesOf !== undefined && { devicesOf }),
    ...(siteNodeIdOf !== undefined && { siteNodeIdOf }),
  });
  /**
   * One feedback message received at `at`; `fields` is the payload's `fields` object, `payload`
   * (when given) the whole payload instead.
   */
  const feedback = (
    serial: string,
    at: number,
    fields: Record<string, unknown> = { response_code: 0 },
    payload: unknown = { time: Math.floor(at / 1000), fields },
  ) =>
    deliver({
      topic: feedbackTopic(DEFAULT_PROFILE, serial),
      payload: Buffer.from(JSON.stringify(payload)),
      receivedAt: at,
    });
  return { live, seen, feedback };
}
