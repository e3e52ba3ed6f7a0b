/**
 * Imported for its effect: a benchmark stopped by Ctrl-C or `kill` exits through `process.exit`,
 * so the `exit` handlers that stop its children (host, simulator, mosquitto) run. By default a
 * signal ends Node without them, and the children outlive the benchmark.
 */
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => process.exit(code));
