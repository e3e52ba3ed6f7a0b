import { ImportRequestSchema } from '../../shared/domain/fleet/contracts-view';

/** The most UTF-8 bytes one UTF-16 code unit of a JavaScript string takes (a surrogate pair: 4 for 2). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/** Room for everything in a frame beside the CSV: the frame's fields, the file name, the mapping. */
const FRAME_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The largest WebSocket message the host reads (`maxPayload`). The largest request the contract
 * allows is a contract CSV for preview or import (ImportRequestSchema's `csv`, 50 Mi characters:
 * the Contracts page reads files up to 50 MB), sent as JSON in UTF-8. Derived from that schema so
 * the two cannot drift apart: a 1 MiB cap refused an ordinary 2 MB contracts file. Every character
 * is counted at its largest UTF-8 size; JSON's escapes of quotes and line breaks take 2 bytes, so only
 * a CSV full of other control characters (6-byte `\u0001` escapes) could exceed it. Still a cap:
 * the host keeps a whole message in memory before it reads it.
 */
export const MAX_API_FRAME_BYTES = largestCsvChars() * MAX_UTF8_BYTES_PER_UNIT + FRAME_OVERHEAD_BYTES;

function largestCsvChars(): number {
  const chars = ImportRequestSchema.shape.csv.maxLength;
  if (chars === null)
    throw new Error('ImportRequestSchema.csv needs a maximum: the API frame limit derives from it');
  return chars;
}
