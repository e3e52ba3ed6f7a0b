/**
 * Entry point: `npm run simulate -- --controllers 100 --broker mqtt://127.0.0.1:1883 ...`.
 * All logic lives in run-cli.ts so it can be tested without spawning a process.
 */
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2));
// Exit explicitly: a half-closed socket of an unreachable broker must not keep the process alive.
process.exit(code);
