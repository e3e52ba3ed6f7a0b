/**
 * Confirmation scales with impact (reliability-notes §6.2, EC-5): above a number of homes or a power
 * at stake, the operator must type the number of homes. The core enforces it, not only the UI, so a
 * direct API call cannot skip it.
 */

/** What a send touches. `totalW` is the power at stake over every group (see dry-run totals). */
export type Impact = { homes: number; totalW: number };

export type ConfirmationThresholds = {
  /** More homes than this need a typed confirmation. */
  homes: number;
  /** More watts at stake than this need a typed confirmation. */
  totalW: number;
};

/** Proposed in reliability-notes §6.2: more than 10 sites or more than 500 kW. */
export const DEFAULT_THRESHOLDS: ConfirmationThresholds = { homes: 10, totalW: 500_000 };

export type RequiredConfirmation = { kind: 'none' } | { kind: 'typed-homes'; homes: number; why: string };

/** What the operator supplied with a send. */
export type GivenConfirmation = { typedHomes?: number };

/** Whether a send of this impact needs a typed confirmation, and why (worded for the dialog). */
export function requiredConfirmation(
  impact: Impact,
  thresholds: ConfirmationThresholds = DEFAULT_THRESHOLDS,
): RequiredConfirmation {
  const reasons: string[] = [];
  if (impact.homes > thresholds.homes) reasons.push(`${impact.homes} homes (more than ${thresholds.homes})`);
  if (impact.totalW > thresholds.totalW) {
    reasons.push(`${kw(impact.totalW)} at stake (more than ${kw(thresholds.totalW)})`);
  }
  if (reasons.length === 0) return { kind: 'none' };
  return { kind: 'typed-homes', homes: impact.homes, why: `This command affects ${reasons.join(' and ')}.` };
}

/** Checks what the operator typed; the reason is shown as is. */
export function checkConfirmation(
  required: RequiredConfirmation,
  given: GivenConfirmation | undefined,
): { ok: true } | { ok: false; reason: string } {
  if (required.kind === 'none') return { ok: true };
  const typed = given?.typedHomes;
  if (typed === undefined) {
    return { ok: false, reason: `${required.why} Type the number of homes (${required.homes}) to confirm.` };
  }
  if (typed !== required.homes) {
    return {
      ok: false,
      reason: `You typed ${typed}, but this command affects ${required.homes} homes; nothing was sent.`,
    };
  }
  return { ok: true };
}

/**
 * The number an operator typed to confirm, or null when it is not a whole number written in digits.
 * Thousands separators are allowed when every group has three digits (1,000 · 1.000 · 1 000 ·
 * 1'000), since the dialog may show the count that way and a typed confirmation is about reading
 * the number, not its punctuation; anything else (1.5, 10k, -3, mixed separators) is not a count.
 */
export function readTypedCount(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const grouped = /^\d{1,3}([,.' \u00a0\u202f])\d{3}(?:\1\d{3})*$/.exec(t);
  return grouped === null ? null : Number(t.split(grouped[1]!).join(''));
}

const kw = (w: number): string => `${Math.round(w / 100) / 10} kW`;
