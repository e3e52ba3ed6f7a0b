import { z } from 'zod';
import { ListenerTokenSchema, type ListenerToken } from '../../../shared/protocol/listener/listener-token';

/** What `listener-tokens.json` yielded: every token that passed, and what did not. */
export type ReadTokens = {
  tokens: ListenerToken[];
  /** Entries that did not pass the schema (or a file that is not `{ tokens: [...] }` at all). */
  unreadable: number;
  /** The first problem, in words, for the operator's notice. */
  firstProblem?: string;
};

const FileShape = z.object({ tokens: z.array(z.unknown()) });

/**
 * Reads the tokens of `listener-tokens.json` one by one. All-or-nothing would refuse every
 * controller for one bad entry (and the next save would then write the file without any of them);
 * read per token, a bad entry costs only itself.
 */
export function readTokenFile(doc: Record<string, unknown>): ReadTokens {
  if (Object.keys(doc).length === 0) return { tokens: [], unreadable: 0 };
  const shape = FileShape.safeParse(doc);
  if (!shape.success) {
    return { tokens: [], unreadable: 1, firstProblem: 'the file does not hold a list of tokens' };
  }
  const tokens: ListenerToken[] = [];
  let unreadable = 0;
  let firstProblem: string | undefined;
  shape.data.tokens.forEach((entry, index) => {
    const parsed = ListenerTokenSchema.safeParse(entry);
    if (parsed.success) {
      tokens.push(parsed.data);
      return;
    }
    unreadable += 1;
    const issue = parsed.error.issues[0];
    firstProblem ??= `token ${index + 1}: ${issue ? `${issue.path.join('.') || 'entry'} ${issue.message}` : 'invalid'}`;
  });
  return firstProblem === undefined ? { tokens, unreadable } : { tokens, unreadable, firstProblem };
}
