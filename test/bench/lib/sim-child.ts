/**
 * A simulated fleet in a process of its own: reads fleet options as JSON from argv[2], starts the
 * fleet (electron/simulator), prints `ready`, and stops on SIGTERM.
 */
import { startFleet, type FleetOptions } from '../../../electron/simulator';

const options = JSON.parse(process.argv[2] ?? 'null') as FleetOptions | null;
if (!options) throw new Error('usage: sim-child.ts <fleet options as JSON>');
const fleet = await startFleet(options);
process.stdout.write('ready\n');
const stop = (): void => void fleet.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
