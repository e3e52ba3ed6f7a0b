/**
 * Targets handed from another page (the Fleet page's "Send a command to these…") to the Control
 * page, which picks them when it opens and then forgets them. Kept in memory, not in the address:
 * a selection can be 10,000 serials, and a reload should not replay an old hand-over.
 */
let handed: readonly string[] | null = null;

export function handTargets(serials: readonly string[]): void {
  handed = [...serials];
}

/**
 * The handed targets, if any. Reading does not clear them (React may run a state initializer twice
 * in development); the page calls `forgetHandedTargets` once it has them.
 */
export function handedTargets(): readonly string[] | null {
  return handed;
}

export function forgetHandedTargets(): void {
  handed = null;
}
