import Papa from 'papaparse';
import type { Contract } from '../inventory/contract';
import type { ColumnMapping, ImportReport } from './contracts-view';

/** Header spellings a supplier's export is likely to use, folded (lower case, no punctuation). */
const SYNONYMS: Record<keyof ColumnMapping, string[]> = {
  contractNumber: [
    'contractnumber',
    'contract',
    'contractnr',
    'contractno',
    'contractid',
    'contractnummer',
    'ean',
    'klantnummer',
  ],
  customerName: ['customername', 'customer', 'name', 'fullname', 'klant', 'naam', 'client', 'nom'],
  street: ['street', 'streetaddress', 'straat', 'rue', 'address1', 'addressline1'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'plz', 'codepostal'],
  city: ['city', 'town', 'gemeente', 'stad', 'ville', 'plaats'],
  country: ['country', 'land', 'pays'],
  address: ['address', 'adres', 'adresse', 'fulladdress'],
  email: ['email', 'emailaddress', 'mail'],
};

const fold = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Guesses which column feeds which field; undefined when no column looks like a contract number or name. */
export function guessMapping(columns: string[]): ColumnMapping | undefined {
  const pick = (field: keyof ColumnMapping) => columns.find((c) => SYNONYMS[field].includes(fold(c)));
  const contractNumber = pick('contractNumber');
  const customerName = pick('customerName');
  if (!contractNumber || !customerName) return undefined;
  const mapping: ColumnMapping = { contractNumber, customerName };
  for (const field of ['street', 'postalCode', 'city', 'country', 'address', 'email'] as const) {
    const column = pick(field);
    if (column) mapping[field] = column;
  }
  return mapping;
}

const PREVIEW_ROWS = 20;

type RowError = ImportReport['errors'][number];
type CsvRecord = Record<string, string>;
export type ContractCsv = { report: Omit<ImportReport, 'imported'>; contracts: Contract[] };

/**
 * Turns parsed CSV records into contracts as they come (all at once, or a chunk at a time), so a
 * large file can be read in steps. Rows are numbered as a spreadsheet shows them (the header is
 * row 1).
 */
export class ContractRows {
  private readonly contracts: Contract[] = [];
  private readonly errors: RowError[] = [];
  private readonly seen = new Map<string, number>();
  private total = 0;
  /** Why no row can be read (no usable mapping), reported on row 1; rows are then only counted. */
  private readonly problem: string | undefined;
  private readonly mapping: ColumnMapping | null;
  private readonly extraColumns: string[];

  constructor(
    private readonly columns: string[],
    requested: ColumnMapping | undefined,
  ) {
    this.mapping = requested ?? guessMapping(columns) ?? null;
    const used = new Set<string | undefined>(Object.values(this.mapping ?? {}));
    // Computed once: the columns every contract keeps in `extra` (papaparse's own overflow key aside).
    this.extraColumns = columns.filter((c) => !used.has(c) && c !== '__parsed_extra');
    if (!this.mapping)
      this.problem = 'Choose the columns that hold the contract number and the customer name.';
    else {
      const missing = Object.values(this.mapping).filter((c) => c !== undefined && !columns.includes(c));
      if (missing.length > 0)
        this.problem = `The file has no column named ${missing.map((c) => `"${c}"`).join(', ')}.`;
    }
  }

  /** Papaparse's own complaints about the records of the next `add` (its rows: indexes in them). */
  parserErrors(errors: Array<{ row?: number | undefined; message: string }>): void {
    for (const e of errors) this.errors.push({ row: this.total + (e.row ?? 0) + 2, message: e.message });
  }

  add(records: CsvRecord[]): void {
    for (const record of records) {
      const row = this.total + 2;
      this.total += 1;
      if (this.problem !== undefined || !this.mapping) continue;
      const result = toContract(record, this.mapping, this.extraColumns);
      if (typeof result === 'string') {
        this.errors.push({ row, message: result });
        continue;
      }
      const first = this.seen.get(result.contractNumber);
      if (first !== undefined) {
        this.errors.push({
          row,
          message: `Contract ${result.contractNumber} already appears on row ${first}.`,
        });
        continue;
      }
      this.seen.set(result.contractNumber, row);
      this.contracts.push(result);
    }
  }

  result(): ContractCsv {
    const { columns, mapping, total } = this;
    if (this.problem !== undefined) {
      // Without a mapping the parser's complaints still help; with a wrong one, the missing column is the news.
      const errors = [{ row: 1, message: this.problem }, ...(mapping ? [] : this.errors)];
      return { report: { columns, mapping, total, valid: 0, preview: [], errors }, contracts: [] };
    }
    const errors = [...this.errors].sort((a, b) => a.row - b.row);
    const { contracts } = this;
    return {
      report: {
        columns,
        mapping,
        total,
        valid: contracts.length,
        preview: contracts.slice(0, PREVIEW_ROWS),
        errors,
      },
      contracts,
    };
  }
}

/** The options every contract CSV is read with: any delimiter papaparse detects, a header row. */
export const CSV_OPTIONS = { header: true, skipEmptyLines: 'greedy' } as const;

/** Without the byte order mark a spreadsheet may have written. */
export const withoutBom = (csv: string) => csv.replace(/^\uFEFF/, '');

/**
 * Parses a contract CSV (any delimiter papaparse detects, quoted fields, BOM) into contracts and
 * an error per bad row, in one go (the core reads a large file in steps: contract-csv-steps.ts).
 * Columns the mapping does not use are kept in each contract's `extra`.
 */
export function parseContractCsv(csv: string, requested?: ColumnMapping): ContractCsv {
  const parsed = Papa.parse<CsvRecord>(withoutBom(csv), CSV_OPTIONS);
  const rows = new ContractRows(parsed.meta.fields ?? [], requested);
  rows.parserErrors(parsed.errors);
  rows.add(parsed.data);
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
    if (value !== undefined) extra[column] = value;
  }
  let address: Contract['address'];
  if (m.address) address = cell(record, m.address);
  else {
    const parts: Record<string, string> = {};
    for (const field of ['street', 'postalCode', 'city', 'country'] as const) {
      const value = cell(record, m[field]);
      if (value !== '') parts[field] = value;
    }
    address = parts;
  }
  const email = cell(record, m.email);
  return { contractNumber, customerName, address, ...(email && { email }), extra };
}

const cell = (record: CsvRecord, column: string | undefined) =>
  column === undefined ? '' : (record[column] ?? '').trim();
