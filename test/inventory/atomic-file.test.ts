import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  replaceFileAtomically,
  SYNC_STEP_BYTES,
  writeFileAtomic,
} from '../../electron/core/inventory/atomic-file';
import { tempDirsPerTest } from '../support/temp-dirs-per-test';

const dir = tempDirsPerTest('fleetdesk-atomic-');

/** Text of `bytes` UTF-8 bytes, with a 3-byte character across the first step boundary. */
function textOf(bytes: number): string {
  const ascii = 'a'.repeat(SYNC_STEP_BYTES - 1);
  let text = '';
  while (Buffer.byteLength(text) + SYNC_STEP_BYTES + 2 <= bytes) text += `${ascii}€`;
  return text + 'z'.repeat(bytes - Buffer.byteLength(text));
}

describe('writing a file atomically, a step at a time', () => {
  it.each([0, 1, SYNC_STEP_BYTES, SYNC_STEP_BYTES + 1, Math.floor(2.5 * SYNC_STEP_BYTES)])(
    'writes %i bytes exactly, as text or as bytes, and leaves no temp file',
    async (size) => {
      const d = dir();
      const text = textOf(size);
      await writeFileAtomic(join(d, 'text.json'), text);
      const bytes = Buffer.from(text);
      await writeFileAtomic(join(d, 'bytes.bin'), new Uint8Array(bytes));
      expect(readFileSync(join(d, 'text.json'), 'utf8')).toBe(text);
      expect(readFileSync(join(d, 'bytes.bin')).equals(bytes)).toBe(true);
      expect(readdirSync(d).sort()).toEqual(['bytes.bin', 'text.json']);
    },
  );

  it('replaces a larger file whole, and a failed write leaves the old one in place', async () => {
    const d = dir();
    const path = join(d, 'snapshot.json');
    writeFileSync(path, 'x'.repeat(3 * SYNC_STEP_BYTES));
    await writeFileAtomic(path, 'short');
    expect(readFileSync(path, 'utf8')).toBe('short');
    await expect(
      replaceFileAtomically(path, async (temp) => {
        writeFileSync(temp, 'half of it');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('short');
    expect(readdirSync(d)).toEqual(['snapshot.json']);
  });
});
