import Papa from 'papaparse';
import type { Contract } from '../inventory/contract';
import { recordProblem } from '../csv/record-problem';
import { guessMapping, isExportOnly } from './column-guess';
import type { ColumnMapping, ImportProblem, ImportReport } from './contracts-view';

export { guessMapping } from './column-guess';

/**
 * How the contracts export defuses a cell a spreadsheet would run as a formula: a leading quote
 * before `=`, `+`, `-`, `@`, a tab or a carriage return, and one more before a cell that already
 * starts with quotes and then one of those, so that an import takes exactly one off again
 * ("+32 9 123 45 67" is written "'+32 9 123 45 67" and read back as it was).
 */
export const FORMULA_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** A cell as it was before the export defused it (see FORMULA_ESCAPE). */
export const withoutFormulaEscape = (value: string): string =>
  ESCAPED_FORMULA.test(value) ? value.slice(1) : value;

const PREVIEW_ROWS = 20;

type RowError = ImportReport['errors'][number];
type PreviewContract = ImportReport['preview'][number];
type CsvRecord = Record<string, string>;
export type ContractCsv = { report: Omit<ImportReport, 'imported'>; contracts: Contract[] };
/**
 * Whether a contract with the row's number is stored already (importing the row then replaces it):
 * false when not, `'unchanged'` when it is stored exactly as the row has it (an exported file read
 * back), true when the row changes it.
 */
export type IsStored = (contract: Contract) => boolean | 'unchanged';

/**
 * Turns parsed CSV records into contracts as they come, so a large file can be read in steps.
 * Rows are numbered as a spreadsheet shows them (the header is row 1). A row the report lists as
 * not imported is never among the contracts: the preview, the errors and the import agree.
 */
export class ContractRows {
  private readonly contracts: Contract[] = [];
  private readonly preview: PreviewContract[] = [];
  private readonly errors: RowError[] = [];
  private readonly seen = new Map<string, number>();
  private total = 0;
  private updates = 0;
  private unchanged = 0;
  /** Why no row can be read with this mapping; rows are then only counted and checked for shape. */
  private readonly mappingProblem: string | undefined;
  private readonly mapping: ColumnMapping | null;
  private readonly extraColumns: string[];

  constructor(
    private readonly columns: string[],
    requested: ColumnMapping | undefined,
    private readonly isStored: IsStored = () => false,
  ) {
    this.mapping = requested ?? guessMapping(columns) ?? null;
    const used = new Set<string | undefined>(Object.values(this.mapping ?? {}));
    // Computed once: the columns every contract keeps in `extra` (papaparse's own overflow key and
    // the columns Fleetdesk's export adds for reading only aside).
    this.extraColumns = columns.filter((c) => !used.has(c) && c !== '__parsed_extra' && !isExportOnly(c));
    if (!this.mapping)
      this.mappingProblem =
        'Choose the columns that hold the contract number and the customer name.' +
        // One column: papaparse found none of the delimiters it knows, so the header was not split.
        (columns.length === 1
          ? ' Only one column was found: separate values with a comma, semicolon or tab.'
          : '');
    else {
      const missing = Object.values(this.mapping).filter((c) => c !== undefined && !columns.includes(c));
      if (missing.length > 0)
        this.mappingProblem = `The file has no column named ${missing.map((c) => `"${c}"`).join(', ')}.`;
    }
  }

  /** The next record, with papaparse's complaints about it alone. */
  add(record: CsvRecord, complaints: readonly Papa.ParseError[]): void {
    const row = this.total + 2;
    this.total += 1;
    const broken = recordProblem(record, complaints, this.columns.length);
    if (broken !== undefined) {
      this.errors.push({ row, message: broken });
      return;
    }
    if (this.mappingProblem !== undefined || !this.mapping) return;
    const result = toContract(record, this.mapping, this.extraColumns);
    if (typeof result === 'string') {
      this.errors.push({ row, message: result });
      return;
    }
    const first = this.seen.get(result.contractNumber);
    if (first !== undefined) {
      this.errors.push({
        row,
        message: `Contract ${result.contractNumber} already appears on row ${first}.`,
      });
      return;
    }
    this.seen.set(result.contractNumber, row);
    this.contracts.push(result);
    const stored = this.isStored(result);
    const existing = stored !== false;
    if (existing) this.updates += 1;
    if (stored === 'unchanged') this.unchanged += 1;
    if (this.preview.length < PREVIEW_ROWS)
      this.preview.push({ ...result, existing, ...(stored === 'unchanged' && { unchanged: true }) });
  }

  result(): ContractCsv {
    const { columns, mapping, total, errors } = this;
    const nothing = (problem: ImportProblem, shown: RowError[] = []): ContractCsv => ({
      report: {
        columns,
        mapping,
        problem,
        total,
        valid: 0,
        updates: 0,
        unchanged: 0,
        preview: [],
        errors: shown,
      },
      contracts: [],
    });
    if (columns.length === 0) return nothing({ kind: 'empty-file', message: 'The file is empty.' });
    if (total === 0) return nothing({ kind: 'no-rows', message: 'The file has a header but no rows.' });
    // Without a mapping the rows' shape problems still help; with a wrong one, the missing column is the news.
    if (this.mappingProblem !== undefined)
      return nothing({ kind: 'mapping', message: this.mappingProblem }, mapping ? [] : errors);
    const { contracts, preview, updates, unchanged } = this;
    return {
      report: {
        columns,
        mapping,
        problem: null,
        total,
        valid: contracts.length,
        updates,
        unchanged,
        preview,
        errors,
      },
      contracts,
    };
  }
}

/** How every contract CSV is read: a header row, blank rows skipped. */
export const CSV_OPTIONS = { header: true, skipEmptyLines: 'greedy' } as const;

/** Without the byte order mark a spreadsheet may have written. */
export const withoutBom = (csv: string) => csv.replace(/^\uFEFF/, '');

/** A file's header and how its rows are written. */
export type CsvFormat = { fields: string[]; delimiter: string; newline: '\r\n' | '\r' | '\n' };

/** The header and the delimiter and line ends papaparse detects (from the first rows), any delimiter. */
export function detectFormat(text: string): CsvFormat {
  const { meta } = Papa.parse<CsvRecord>(text, { ...CSV_OPTIONS, preview: 1 });
  // `linebreak` is what papaparse found, or its default, "\n", for a file of one line.
  return {
    fields: meta.fields ?? [],
    delimiter: meta.delimiter,
    newline: meta.linebreak as CsvFormat['newline'],
  };
}

/**
 * Gives `rows` each record of `text` (a header row, then rows in `format`) with papaparse's
 * complaints about that record. Record by record (`step`), because the `row` of a complaint from a
 * whole parse counts the blank lines papaparse skipped, so it cannot be matched to its record.
 */
export function readRecords(text: string, format: CsvFormat, rows: ContractRows): void {
  const { delimiter, newline } = format;
  Papa.parse<CsvRecord>(text, {
    ...CSV_OPTIONS,
    delimiter,
    newline,
    step: (result) => rows.add(result.data, result.errors),
  });
}

/**
 * Parses a contract CSV (any delimiter papaparse detects, quoted fields, BOM) into contracts and
 * an error per bad row, in one go (the core reads a large file in steps: contract-csv-steps.ts).
 * Columns the mapping does not use are kept in each contract's `extra`.
 */
export function parseContractCsv(csv: string, requested?: ColumnMapping, isStored?: IsStored): ContractCsv {
  const text = withoutBom(csv);
  const format = detectFormat(text);
  const rows = new ContractRows(format.fields, requested, isStored);
  readRecords(text, format, rows);
  return rows.result();
}

function toContract(record: CsvRecord, m: ColumnMapping, extraColumns: string[]): Contract | string {
  const contractNumber = cell(record, m.contractNumber);
  const customerName = cell(record, m.customerName);
  if (!contractNumber) return `The contract number (column "${m.contractNumber}") is empty.`;
  if (contractNumber.length > 100) return 'The contract number is longer than 100 characters.';
  if (!customerName) return `The customer name (column "${m.customerName}") is empty.`;
  const extra: Record<string, string> = {};
  for (const column of extraColumns) {
    const value = record[column];
    if (value !== undefined) extra[column] = withoutFormulaEscape(value);
  }
  const email = cell(record, m.email);
  return { contractNumber, customerName, address: addressOf(record, m), ...(email && { email }), extra };
}

/**
 * A row's address. With a column of its own for the street, postal code or city, it is structured
 * and no mapped column is dropped: the address column is then the street line (a CRM's "Adres"
 * beside "Postcode" and "Gemeente"), or, beside a street column too, counts only for a row whose
 * parts are all empty (a contract stored as one line, in Fleetdesk's own export). Otherwise the
 * address column holds all of it.
 */
function addressOf(record: CsvRecord, m: ColumnMapping): Contract['address'] {
  const structured = m.street !== undefined || m.postalCode !== undefined || m.city !== undefined;
  if (!structured && m.address !== undefined) return cell(record, m.address);
  const columns = {
    street: m.street ?? m.address,
    postalCode: m.postalCode,
    city: m.city,
    country: m.country,
  };
  const parts: Record<string, string> = {};
  for (const field of ['street', 'postalCode', 'city', 'country'] as const) {
    const value = cell(record, columns[field]);
    if (value !== '') parts[field] = value;
  }
  if (m.street !== undefined && m.address !== undefined && Object.keys(parts).length === 0) {
    const line = cell(record, m.address);
    if (line !== '') return line;
  }
  return parts;
}

const cell = (record: CsvRecord, column: string | undefined) =>
  column === undefined ? '' : withoutFormulaEscape((record[column] ?? '').trim());
