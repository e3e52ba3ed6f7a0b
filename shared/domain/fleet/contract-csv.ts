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

/**
 * Parses a contract CSV (any delimiter papaparse detects, quoted fields, BOM) into contracts and
 * an error per bad row. Rows are numbered as a spreadsheet shows them (the header is row 1).
 * Columns the mapping does not use are kept in each contract's `extra`.
 */
export function parseContractCsv(
  csv: string,
  requested?: ColumnMapping,
): { report: Omit<ImportReport, 'imported'>; contracts: Contract[] } {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
  });
  const columns = parsed.meta.fields ?? [];
  const errors = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 2, message: e.message }));
  const mapping = requested ?? guessMapping(columns) ?? null;
  if (!mapping) {
    const message = 'Choose the columns that hold the contract number and the customer name.';
    return {
      report: {
        columns,
        mapping: null,
        total: parsed.data.length,
        valid: 0,
        preview: [],
        errors: [{ row: 1, message }, ...errors],
      },
      contracts: [],
    };
  }
  const missing = Object.values(mapping).filter((c) => c !== undefined && !columns.includes(c));
  if (missing.length > 0) {
    const message = `The file has no column named ${missing.map((c) => `"${c}"`).join(', ')}.`;
    return {
      report: {
        columns,
        mapping,
        total: parsed.data.length,
        valid: 0,
        preview: [],
        errors: [{ row: 1, message }],
      },
      contracts: [],
    };
  }
  const contracts: Contract[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((record, index) => {
    const row = index + 2;
    const result = toContract(record, mapping);
    if (typeof result === 'string') return errors.push({ row, message: result });
    const first = seen.get(result.contractNumber);
    if (first !== undefined)
      return errors.push({
        row,
        message: `Contract ${result.contractNumber} already appears on row ${first}.`,
      });
    seen.set(result.contractNumber, row);
    contracts.push(result);
  });
  errors.sort((a, b) => a.row - b.row);
  return {
    report: {
      columns,
      mapping,
      total: parsed.data.length,
      valid: contracts.length,
      preview: contracts.slice(0, PREVIEW_ROWS),
      errors,
    },
    contracts,
  };
}

function toContract(record: Record<string, string>, m: ColumnMapping): Contract | string {
  const get = (column: string | undefined) => (column === undefined ? '' : (record[column] ?? '').trim());
  const contractNumber = get(m.contractNumber);
  const customerName = get(m.customerName);
  if (!contractNumber) return `The contract number (column "${m.contractNumber}") is empty.`;
  if (contractNumber.length > 100) return 'The contract number is longer than 100 characters.';
  if (!customerName) return `The customer name (column "${m.customerName}") is empty.`;
  const used = new Set(Object.values(m));
  const extra = Object.fromEntries(
    Object.entries(record).filter(([k]) => !used.has(k) && k !== '__parsed_extra'),
  );
  const structured = {
    street: get(m.street),
    postalCode: get(m.postalCode),
    city: get(m.city),
    country: get(m.country),
  };
  const parts = Object.fromEntries(Object.entries(structured).filter(([, v]) => v !== ''));
  const address = m.address ? get(m.address) : parts;
  const email = get(m.email);
  return { contractNumber, customerName, address, ...(email && { email }), extra };
}
