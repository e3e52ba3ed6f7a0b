/**
 * Something recovery or verification found. `info` problems were repaired without losing anything
 * acknowledged (a torn last line from a crash); `error` problems are left in place, never dropped,
 * and the core shows them as a notice.
 */
export type JournalProblem = {
  kind:
    | 'torn-tail'
    | 'malformed-line'
    | 'invalid-entry'
    | 'hash-mismatch'
    | 'chain-break'
    | 'seq-gap'
    | 'incomplete-transaction'
    | 'behind-snapshot';
  severity: 'info' | 'error';
  /** Segment file name, and 1-based line number within it, when the problem has a place. */
  segment?: string;
  line?: number;
  seq?: number;
  detail: string;
};

/** Problems the operator must be told about. */
export function seriousProblems(problems: readonly JournalProblem[]): JournalProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** One line per problem, for notices and logs. */
export function describeProblem(p: {
  kind: string;
  detail: string;
  segment?: string;
  line?: number;
}): string {
  const where = p.segment ? ` (${p.segment}${p.line ? ` line ${p.line}` : ''})` : '';
  return `${p.kind}${where}: ${p.detail}`;
}
