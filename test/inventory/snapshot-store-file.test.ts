import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_FORMAT,
  storeFileText,
  writeStoreFile,
  type SnapshotEnvelope,
} from '../../electron/core/inventory/snapshot-envelope';

const envelope = (payload: string): SnapshotEnvelope => ({
  format: SNAPSHOT_FORMAT,
  seq: 42,
  hash: 'a'.repeat(64),
  sha256: 'b'.repeat(64),
  payload,
});

async function streamed(doc: SnapshotEnvelope, chunkChars: number) {
  const parts: string[] = [];
  const bytes = await writeStoreFile(doc, async (text) => void parts.push(text), chunkChars);
  return { text: parts.join(''), bytes, parts: parts.length };
}

describe('the snapshot file written in pieces', () => {
  it('is byte for byte what conf writes, whatever the payload and wherever the chunks fall', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        async (payload, chunkChars) => {
          const doc = envelope(payload);
          const { text, bytes } = await streamed(doc, chunkChars);
          expect(text).toBe(storeFileText(doc));
          expect(bytes).toBe(Buffer.byteLength(text));
          expect((JSON.parse(text) as SnapshotEnvelope).payload).toBe(payload);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps surrogate pairs, quotes, backslashes and controls intact across chunk edges', async () => {
    const payload = '{"a":"😀\\"\n\u0001é\ud800"}'.repeat(50);
    for (const chunk of [1, 2, 3, 7]) {
      const { text, parts } = await streamed(envelope(payload), chunk);
      expect(text).toBe(storeFileText(envelope(payload)));
      expect(parts).toBeGreaterThan(payload.length / (chunk + 1));
    }
  });
});
