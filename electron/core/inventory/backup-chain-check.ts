import { GENESIS_HASH } from '../../../shared/domain/inventory/journal-entry';
import { hashIfFollows } from '../journal/line-codec';

/** A backup that was not kept: the journal it would hold is damaged, so it could never be restored. */
export class JournalDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalDamagedError';
  }
}

const NEWLINE = 10;

/**
 * Checks the journal's lines as a backup streams them, as a restore will: each line matches its
 * own hash and continues the chain from the first entry, and the last one is the state's. A
 * backup that passes restores; one that does not is refused before it is kept. Counting lines
 * alone let a damaged old line (same number of lines) through into a file no restore accepts.
 */
export class BackupChainCheck {
  private prev = GENESIS_HASH;
  private seq = 0;
  private partial: Buffer[] = [];
  private source = '';
  private line = 0;

  constructor(private readonly expected: { entries: number; hash: string }) {}

  /** Entries checked so far. */
  get entries(): number {
    return this.seq;
  }

  /** Checks the lines `chunk` completes; `source` names the file it comes from (for the words). */
  take(chunk: Buffer, source: string): void {
    if (source !== this.source) {
      // Every segment ends with a whole line: one cut short is damaged.
      if (this.partial.length > 0)
        this.fail(`at the end of ${this.source}`, 'it ends in the middle of a line');
      [this.source, this.line] = [source, 0];
    }
    let from = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, from)) {
      if (this.partial.length === 0) this.check(chunk.toString('utf8', from, at));
      else {
        this.partial.push(chunk.subarray(from, at));
        this.check(Buffer.concat(this.partial).toString('utf8'));
        this.partial = [];
      }
      from = at + 1;
    }
    if (from < chunk.length) this.partial.push(chunk.subarray(from));
  }

  /** Throws unless every entry up to the state's was there, whole and in order. */
  finish(): void {
    if (this.partial.length > 0) this.fail(`at the end of ${this.source}`, 'it ends in the middle of a line');
    if (this.seq !== this.expected.entries) {
      this.fail(
        '',
        `it holds ${this.seq} entries up to the state, which is at entry ${this.expected.entries}`,
      );
    }
    if (this.prev !== this.expected.hash) this.fail('', 'its last entry is not the one the state is at');
  }

  private check(text: string): void {
    this.line += 1;
    const seq = this.seq + 1;
    const where = `at entry ${seq} (${this.source} line ${this.line})`;
    // Its hash covers its bytes and the previous entry's hash: an altered line fails, and so
    // does one that is not the next entry (the count and the last hash, in finish, do the rest).
    const hash = hashIfFollows(text, this.prev);
    if (hash === undefined) this.fail(where, 'it does not match its hash');
    [this.prev, this.seq] = [hash, seq];
  }

  /** `where`: "at entry …" or empty; `what`: what is wrong there. */
  private fail(where: string, what: string): never {
    throw new JournalDamagedError(`The journal is damaged${where ? ` ${where}` : ''}: ${what}.`);
  }
}
