/**
 * Where each serial's entries lie on disk: per serial, flat triples (segment, offset, length).
 * Holding positions instead of entries keeps a 100,000-entry journal at a few MB of memory;
 * a timeline is then read back with one positioned read per entry.
 */
export class TimelineIndex {
  private readonly bySerial = new Map<string, number[]>();

  add(serial: string, segment: number, offset: number, length: number): void {
    const at = this.bySerial.get(serial);
    if (at) at.push(segment, offset, length);
    else this.bySerial.set(serial, [segment, offset, length]);
  }

  /** The positions of `serial`'s entries, oldest first. */
  locate(serial: string): Array<{ segment: number; offset: number; length: number }> {
    const flat = this.bySerial.get(serial) ?? [];
    const out: Array<{ segment: number; offset: number; length: number }> = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      out.push({ segment: flat[i] ?? 0, offset: flat[i + 1] ?? 0, length: flat[i + 2] ?? 0 });
    }
    return out;
  }

  clear(): void {
    this.bySerial.clear();
  }
}
