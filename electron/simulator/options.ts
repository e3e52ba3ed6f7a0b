import { z } from 'zod';

const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with one of ${protocols.join(', ')}`,
  );
const rate = z.number().min(0).max(1);

/** Options of a simulated fleet; the CLI flags map one to one (see cli-args.ts). */
export const fleetOptionsSchema = z.object({
  controllers: z.number().int().min(1).max(100_000),
  seed: z.number().int().default(1),
  serialStart: z.number().int().min(1).default(1),
  brokerUrl: url(['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:']).optional(),
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  /** One connection for all controllers (wildcard subscriptions) instead of one each. */
  sharedConnection: z.boolean().default(false),
  cleanSession: z.boolean().default(true),
  listenerUrl: url(['http:', 'https:']).optional(),
  token: z.string().min(1).optional(),
  feedbackPeriodS: z.number().positive().default(10),
  healthPeriodS: z.number().positive().default(60),
  /**
   * Overrides every controller's generated fallback timeout. Whole seconds up to a day, because that is
   * what a controller reports at onboarding and what the listener accepts (listener-api.md): a
   * fractional value would make every onboarding call fail with 400.
   */
  fallbackTimeoutS: z
    .int({ error: 'must be a whole number of seconds (the listener takes integer seconds)' })
    .min(1, { error: 'must be at least 1 second' })
    .max(86_400, { error: 'must be at most 86400 seconds (one day)' })
    .optional(),
  dropRate: rate.default(0),
  latencyMs: z.number().min(0).default(0),
  rejectRate: rate.default(0),
  /** Each connection is cut every this many seconds (staggered) and reconnects. */
  disconnectEveryS: z.number().positive().optional(),
  /** Controller clocks are off by up to this many seconds, either way. */
  clockSkewS: z.number().int().min(0).default(0),
  healthErrorRate: rate.default(0),
  /** Expected offboardings per controller per hour. */
  offboardRate: z.number().min(0).default(0),
  logFile: z.string().min(1).optional(),
  /** Period of the shared physics/feedback tick; command feedback goes out on the next tick. */
  tickMs: z.number().int().min(10).max(1000).default(250),
  httpConcurrency: z.number().int().min(1).default(32),
  connectConcurrency: z.number().int().min(1).default(100),
  connectTimeoutS: z.number().positive().default(30),
  /** HTTP attempts per call (1 = no retry). */
  httpMaxAttempts: z.number().int().min(1).default(6),
  httpBaseDelayMs: z.number().positive().default(500),
});

/** Options as given (defaults optional). */
export type FleetSettingsInput = z.input<typeof fleetOptionsSchema>;
/** Options with defaults applied. */
export type FleetSettings = z.output<typeof fleetOptionsSchema>;

/** Validates fleet options; throws an Error listing every problem. */
export function parseFleetSettings(input: FleetSettingsInput): FleetSettings {
  const result = fleetOptionsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`);
    throw new Error(`invalid simulator options: ${problems.join('; ')}`);
  }
  return result.data;
}
