import Papa from 'papaparse';
import {
  CSV_OPTIONS,
  ContractRows,
  detectFormat,
  withoutBom,
  type ContractCsv,
  type CsvFormat,
  type IsStored,
} from '../../../shared/domain/fleet/contract-csv';
import type { ColumnMapping } from '../../../shared/domain/fleet/contracts-view';

/** Characters read between two yields: ~3,000 rows, a few milliseconds of work. */
export const CSV_STEP_CHARS = 256 * 1024;

export type CsvStepOptions = {
  /** Characters read so far of all; called after every step, and once at the end with done = total. */
  onProgress?: (done: number, total: number) => void;
  /** Lets other work run between steps (the core's timers, feedback, the UI). */
  yieldNow?: () => Promise<void>;
  stepChars?: number;
  /** Which contract numbers are stored already: the report counts and marks the rows that update them. */
  isStored?: IsStored;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `parseContractCsv` a step at a time: one papaparse read of the whole text, paused after the row
 * that passes each `stepChars` characters, so that the event loop runs before it goes on. Papaparse
 * itself decides where each row ends, so a step never cuts a row that one read keeps whole (a quote
 * counts only at the start of a field: `TV 55"` is text, while an address in quotes may hold a line
 * break), and every row, row number and complaint comes out as one read gives them. A 100,000-row
 * file would otherwise hold the core's thread for about half a second per read, delaying lease
 * refreshes and command deadlines.
 */
export async function parseContractCsvInSteps(
  csv: string,
  requested: ColumnMapping | undefined,
  options: CsvStepOptions = {},
): Promise<ContractCsv> {
  const text = withoutBom(csv);
  const { onProgress, yieldNow = nextTurn, stepChars = CSV_STEP_CHARS, isStored } = options;
  const format = detectFormat(text);
  const rows = new ContractRows(format.fields, requested, isStored);
  await readRecordsPausing(text, format, rows, stepChars, async (read) => {
    onProgress?.(read, text.length);
    await yieldNow();
  });
  onProgress?.(text.length, text.length);
  return rows.result();
}

/**
 * What `readRecords` does, in one parse that pauses after about every `stepChars` characters for
 * `between` (given how many characters were read) and then resumes where it stopped. The delimiter
 * and line ends are the ones detected once from the whole text, as a single read uses.
 */
function readRecordsPausing(
  text: string,
  format: CsvFormat,
  rows: ContractRows,
  stepChars: number,
  between: (read: number) => Promise<void>,
): Promise<void> {
  const { delimiter, newline } = format;
  return new Promise<void>((resolve, reject) => {
    // A resumed parse counts its cursor from where it paused, not from the start of the text.
    let resumedAt = 0;
    let pauseAt = stepChars;
    Papa.parse<Record<string, string>>(text, {
      ...CSV_OPTIONS,
      delimiter,
      newline,
      // Papaparse's fast path splits all the text still to read at every resume (it is chosen per
      // resume, when the rest has no quote), which over a large file costs more than the parse.
      fastMode: false,
      step: (result, parser) => {
        rows.add(result.data, result.errors);
        const read = resumedAt + result.meta.cursor;
        if (read < pauseAt || read >= text.length) return;
        parser.pause();
        resumedAt = read;
        pauseAt = read + stepChars;
        between(read)
          .then(() => parser.resume())
          .catch(reject);
      },
      complete: () => resolve(),
    });
  });
}
