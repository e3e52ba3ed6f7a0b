/**
 * Targets handed from another page (the Fleet page's "Send a command to these…") to the Control
 * page, which takes them once when it opens. Kept in memory, not in the address: a selection can
 * be 10,000 serials, and a reload should not replay an old hand-over.
 */
let handed: readonly string[] | null = null;

export function handTargets(serials: readonly string[]): void {
  handed = [...serials];
}

/** The handed targets, once: a second call (or a later visit) gets null. */
export function takeHandedTargets(): readonly string[] | null {
  const taken = handed;
  handed = null;
  return taken;
}
