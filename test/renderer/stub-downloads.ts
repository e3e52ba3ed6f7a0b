import { vi } from 'vitest';

export interface Download {
  fileName: string;
  text(): Promise<string>;
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
    if (blob) downloads.push({ fileName: this.download, text: () => blob.text() });
  });
  return downloads;
}
