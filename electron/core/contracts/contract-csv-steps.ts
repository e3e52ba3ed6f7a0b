import Papa from 'papaparse';
import {
  ContractRows,
  detectFormat,
  readRecords,
  withoutBom,
  type ContractCsv,
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
const QUOTE = 34;
const LINE_FEED = 10;

/**
 * Just after the first line feed at or past `min` that ends a row: one outside quoted fields (an
 * even number of quotes since `from`, itself a row's start; an escaped quote is two). The end of
 * the text when there is none (a file with old Mac line ends is one step).
 */
function rowEndFrom(text: string, from: number, min: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === LINE_FEED && !quoted && i + 1 >= min) return i + 1;
  }
  return text.length;
}

/**
 * `parseContractCsv` a step at a time: each step is whole rows of about `stepChars` characters,
 * parsed by papaparse as a file of its own under the file's header, delimiter and line ends (detected
 * once, from the whole text, as one read does), so every row and error comes out as one read gives
 * them; then the event loop runs before the next step. A 100,000-row file would otherwise hold the
 * core's thread for about half a second per read, delaying lease refreshes and command deadlines.
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
  let end = rowEndFrom(text, 0, stepChars);
  readRecords(text.slice(0, end), format, rows);
  const { delimiter, newline } = format;
  // The header again, as papaparse named the columns (a repeated name gets a suffix), for each step.
  const header = Papa.unparse([format.fields], { delimiter, newline }) + newline;
  while (end < text.length) {
    onProgress?.(end, text.length);
    await yieldNow();
    const start = end;
    end = rowEndFrom(text, start, start + stepChars);
    readRecords(header + text.slice(start, end), format, rows);
  }
  onProgress?.(text.length, text.length);
  return rows.result();
}
