/** Room for this many entries when a serial is first seen; then it grows by half. */
const FIRST_ENTRIES = 8;
const GROWTH = 1.5;

type Places = { flat: Uint32Array; used: number };

/**
 * Where each serial's entries lie on disk: per serial, flat triples (segment, offset, length) in
 * a typed array. Holding positions instead of entries keeps a long journal's timelines at ~12
 * bytes an entry plus the room ahead (31 as arrays of numbers, measured over 600,000 entries);
 * a timeline is then read back with one positioned read per entry.
 */
export class TimelineIndex {
  private readonly bySerial = new Map<string, Places>();

  add(serial: string, segment: number, offset: number, length: number): void {
    let at = this.bySerial.get(serial);
    if (!at) {
      at = { flat: new Uint32Array(FIRST_ENTRIES * 3), used: 0 };
      this.bySerial.set(serial, at);
    } else if (at.used + 3 > at.flat.length) {
      const grown = new Uint32Array(Math.ceil((at.flat.length / 3) * GROWTH) * 3);
      grown.set(at.flat);
      at.flat = grown;
    }
    at.flat[at.used] = segment;
    at.flat[at.used + 1] = offset;
    at.flat[at.used + 2] = length;
    at.used += 3;
  }

  /** The positions of `serial`'s entries, oldest first. */
  locate(serial: string): Array<{ segment: number; offset: number; length: number }> {
    const at = this.bySerial.get(serial);
    const out: Array<{ segment: number; offset: number; length: number }> = [];
    if (!at) return out;
    for (let i = 0; i + 2 < at.used; i += 3) {
      out.push({ segment: at.flat[i] ?? 0, offset: at.flat[i + 1] ?? 0, length: at.flat[i + 2] ?? 0 });
    }
    return out;
  }

  clear(): void {
    this.bySerial.clear();
  }
}
