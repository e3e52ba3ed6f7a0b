import { afterAll, afterEach, beforeAll } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../../support/mosquitto';
import { startHarness, type Harness } from './harness';

export type HarnessOptions = Omit<Parameters<typeof startHarness>[1], 'controllers' | 'serialStart'>;

/**
 * One mosquitto per test file and a control harness per test, stopped after it. Each harness gets
 * its own serial range, so a test never sees a controller left over from the one before.
 */
export function useBrokerHarnesses(firstSerial: number, options: { restartBrokerAfterEach?: boolean } = {}) {
  let broker: MosquittoBroker | undefined;
  let serialStart = firstSerial;
  const harnesses: Harness[] = [];
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });
  afterEach(async () => {
    while (harnesses.length > 0) await harnesses.pop()?.stop();
    // A test may leave the broker dead: bring it back for the next one.
    if (options.restartBrokerAfterEach) await broker?.restart();
  });
  const need = (): MosquittoBroker => {
    if (!broker) throw new Error('the broker starts in beforeAll');
    return broker;
  };
  return {
    broker: need,
    async harness(controllers: number, more: HarnessOptions = {}): Promise<Harness> {
      const h = await startHarness(need().url, { controllers, serialStart, ...more });
      serialStart += 100;
      harnesses.push(h);
      return h;
    },
  };
}
