import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Runs `fn` under the V8 CPU profiler and a sampling heap profiler (allocations, collected ones
 * included: the GC's work) when `prefix` is set, writing `<prefix>-<name>.cpuprofile` and
 * `.heapprofile` of that span only. Profiling slows the span, so its figures then run high.
 */
export async function profiled<T>(
  prefix: string | undefined,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (prefix === undefined || prefix === '') return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 32768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${prefix}-${name}.cpuprofile`, JSON.stringify(profile));
    const heap = await session.post('HeapProfiler.stopSampling');
    writeFileSync(`${prefix}-${name}.heapprofile`, JSON.stringify(heap.profile));
    session.disconnect();
  }
}
