import { withUtf8Bom } from '../../../shared/domain/csv/utf8-bom';

const CSV_TYPE = 'text/csv;charset=utf-8';

/**
 * Hands text to the browser as a file download. A Blob URL works the same in Electron (file://)
 * and in a browser tab served by the headless host, and needs no file-system access.
 */
export function downloadText(fileName: string, text: string, type = CSV_TYPE): void {
  downloadParts(fileName, [text], type);
}

/**
 * Hands a file made of `parts` to the browser as a download. A Blob holds its parts as they are,
 * so a file larger than one JavaScript string can be (~512 MiB) still downloads whole. A CSV file
 * starts with the UTF-8 byte order mark, or Excel garbles every accented name and address in it.
 */
export function downloadParts(fileName: string, parts: BlobPart[], type = CSV_TYPE): void {
  const content = type.startsWith('text/csv') ? withUtf8Bom(parts) : parts;
  const url = URL.createObjectURL(new Blob(content, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file-name-safe local timestamp: 20250102-1405. */
export function fileStamp(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
}
