import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * The root logger. Writes JSON lines to stderr so stdout stays free for the host's two start-up
 * lines; level from FLEETDESK_LOG_LEVEL (default `info`, `silent` in tests).
 */
export function createLogger(level = process.env['FLEETDESK_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name: 'fleetdesk', level }, pino.destination(2));
}
