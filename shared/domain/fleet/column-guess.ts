import type { ColumnMapping } from './contracts-view';

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

/**
 * Ends the header of a column Fleetdesk's contracts export adds for reading only (the linked
 * serials): importing that file again neither guesses such a column nor keeps it in `extra`.
 */
export const EXPORT_ONLY_MARK = ' (export only)';

/** Whether a column is one of Fleetdesk's export-only columns (see EXPORT_ONLY_MARK). */
export const isExportOnly = (column: string): boolean => column.endsWith(EXPORT_ONLY_MARK);

/** Guesses which column feeds which field; undefined when no column looks like a contract number or name. */
export function guessMapping(columns: string[]): ColumnMapping | undefined {
  const pick = (field: keyof ColumnMapping) =>
    columns.find((c) => !isExportOnly(c) && SYNONYMS[field].includes(fold(c)));
  const contractNumber = pick('contractNumber');
  const customerName = pick('customerName');
  if (!contractNumber || !customerName) return undefined;
  const mapping: ColumnMapping = { contractNumber, customerName };
  for (const field of ['street', 'postalCode', 'city', 'country', 'address', 'email'] as const) {
    const column = pick(field);
    if (column) mapping[field] = column;
  }
  // "Adres" beside "Postcode" and "Gemeente" is the street line, not all of the address: guessed
  // as the street, so the mapping the preview shows is the one the rows are read with.
  if (mapping.address !== undefined && mapping.street === undefined && (mapping.postalCode || mapping.city)) {
    const { address: street, ...rest } = mapping;
    return { ...rest, street };
  }
  return mapping;
}
