import { Readable } from 'node:stream';
import Papa from 'papaparse';
import {
  ContractRows,
  CSV_OPTIONS,
  withoutBom,
  type ContractCsv,
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
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `text` in pieces of about `size` characters, each ending just after a line feed where there is
 * one: papaparse joins a row cut by a piece, but reports a quote before a "\r\n" cut in two as
 * malformed.
 */
function* stepsOf(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = start + size;
    if (end >= text.length) end = text.length;
    else {
      const lastLineEnd = text.lastIndexOf('\n', end - 1);
      // A line longer than a step ends its step.
      const lineEnd = lastLineEnd >= start ? lastLineEnd : text.indexOf('\n', end);
      end = lineEnd === -1 ? text.length : lineEnd + 1;
    }
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * `parseContractCsv` a step at a time: papaparse reads about `stepChars` characters (a row cut by
 * a step, such as a quoted line break, is joined again by papaparse), the rows become contracts,
 * then the event loop runs before the next step. A 100,000-row file would otherwise hold the core's thread for about half a second
 * per read, delaying lease refreshes and command deadlines behind it.
 */
export function parseContractCsvInSteps(
  csv: string,
  requested: ColumnMapping | undefined,
  options: CsvStepOptions = {},
): Promise<ContractCsv> {
  const text = withoutBom(csv);
  const { onProgress, yieldNow = nextTurn, stepChars = CSV_STEP_CHARS } = options;
  let rows: ContractRows | undefined;
  const rowsFor = (fields: string[] | undefined) => (rows ??= new ContractRows(fields ?? [], requested));
  return new Promise((resolve, reject) => {
    Papa.parse<Record<string, string>>(Readable.from(stepsOf(text, stepChars)), {
      ...CSV_OPTIONS,
      chunk(results, parser) {
        // A step can end inside the header row: papaparse names no columns until it has read it all.
        const headerRead = (results.meta.fields?.length ?? 0) > 0 || results.data.length > 0;
        if (headerRead || results.errors.length > 0) {
          const into = rowsFor(results.meta.fields);
          into.parserErrors(results.errors);
          into.add(results.data);
        }
        onProgress?.(Math.min(results.meta.cursor, text.length), text.length);
        parser.pause();
        yieldNow().then(
          () => parser.resume(),
          (error: unknown) => {
            parser.abort();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
      complete() {
        onProgress?.(text.length, text.length);
        resolve(rowsFor(undefined).result());
      },
      error: (error: Error) => reject(error),
    });
  });
}
