import type { Logger } from '../logger';

/**
 * What the listener logs through: the pino methods it uses. The core's pino logger is one; the
 * listener's thread passes one that hands each line to the core's logger (listener-worker.ts), so
 * that thread loads no logging library of its own and its lines go wherever the core's go.
 */
export type ListenerLog = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'> & {
  child(bindings: Record<string, unknown>): ListenerLog;
};

/** Logs nothing: for a listener built without a logger (tests). */
export const silentLog: ListenerLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};
