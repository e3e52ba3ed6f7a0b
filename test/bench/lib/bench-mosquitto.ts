/**
 * Debian's mosquitto for the control benchmarks (test/support/mosquitto.ts), optionally with its
 * per-client limits lifted. In the field every controller has a connection of its own, so a
 * fan-out puts one message on each; the benchmark's simulator shares ONE connection among 10,000
 * controllers, which mosquitto's per-client limits would throttle and make lose commands: a limit
 * of the set-up, not of the app (BENCH_BROKER_DEFAULTS=1 keeps the defaults to show it).
 */
import { startMosquitto, UNLIMITED_QUEUES, type MosquittoBroker } from '../../support/mosquitto';
import './exit-on-signal';

export const SHARED_SIMULATOR_LIMITS = UNLIMITED_QUEUES;

export async function startBenchMosquitto(
  extra: readonly string[] = [],
): Promise<Pick<MosquittoBroker, 'url' | 'stop' | 'pid'>> {
  const broker = await startMosquitto(extra);
  // A benchmark that crashes must not leave its broker running.
  process.once('exit', () => broker.kill());
  return broker;
}
