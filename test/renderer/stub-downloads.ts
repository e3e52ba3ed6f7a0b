import { vi } from 'vitest';

export interface Download {
  fileName: string;
  /** The file as a browser reads it as UTF-8 text: a leading byte order mark is not part of it. */
  text(): Promise<string>;
  /** The file's bytes as saved to disk (a CSV's byte order mark included). */
  bytes(): Promise<Uint8Array>;
}

/**
 * Catches the Blob downloads the UI starts: happy-dom would follow the link's click as a
 * navigation (away from the page under test), and tests want to read what was offered.
 * Undo with `vi.restoreAllMocks()`.
 */
export function stubDownloads(): Download[] {
  const blobs = new Map<string, Blob>();
  const downloads: Download[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test-${blobs.size + 1}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (!blob) return;
    const bytes = async () => new Uint8Array(await blob.arrayBuffer());
    // happy-dom's Blob.text() keeps the BOM; a browser's, and TextDecoder, drop it.
    downloads.push({
      fileName: this.download,
      bytes,
      text: async () => new TextDecoder().decode(await bytes()),
    });
  });
  return downloads;
}
