/** How a chosen file's bytes were turned into text. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type CsvText = { text: string; encoding: CsvEncoding };

/**
 * The text of a CSV file, in the encoding its bytes show. UTF-8 (with or without a byte order
 * mark) is decoded once; UTF-16 is what Excel's "Unicode Text" writes (with a byte order mark).
 * Bytes that are not valid UTF-8 are what Excel's plain "CSV" writes on a Western European Windows:
 * Windows-1252. Decoding those as UTF-8 would turn every accent into "�" without a word, so they
 * are read as Windows-1252 and the encoding is returned for the preview to say so.
 */
export function decodeCsv(bytes: Uint8Array): CsvText {
  const utf16 = utf16Of(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Reads a chosen file's bytes and decodes them (`decodeCsv`). */
export async function readCsvFile(file: Blob): Promise<CsvText> {
  return decodeCsv(new Uint8Array(await file.arrayBuffer()));
}

/** UTF-16 by its byte order mark, which Excel's "Unicode Text" always writes. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}
