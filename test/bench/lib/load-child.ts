/**
 * Entry of the load-generator process: reads one `LoadPhase` as JSON from argv[2], runs it, and
 * prints the `LoadResult` as one JSON line on stdout.
 */
import { runLoad } from './http-load';
import { callbackRequest, type LoadPhase } from './workload';

const phase = JSON.parse(process.argv[2] ?? 'null') as LoadPhase | null;
if (!phase) throw new Error('usage: load-child.ts <phase as JSON>');
const { workload, ...options } = phase;
// The parent samples its own CPU and event loop over exactly the measured window.
const result = await runLoad({
  ...options,
  next: (i) => callbackRequest(workload, i),
  onWindow: (edge) => process.stdout.write(`window ${edge}\n`),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
