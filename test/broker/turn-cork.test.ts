import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corkForThisTurn } from '../../electron/core/broker/turn-cork';

/** A stream that records each system-call-sized write: one entry per `writev` or `write`, with its chunks. */
function recordingStream() {
  const writes: string[][] = [];
  const stream = new Writable({
    writev(chunks, done) {
      writes.push(chunks.map((c) => String(c.chunk)));
      done();
    },
    write(chunk, _encoding, done) {
      writes.push([String(chunk)]);
      done();
    },
  });
  return { stream, writes };
}

/** A packet written the way mqtt-packet writes one: corked until the next tick. */
function writePacket(stream: Writable, text: string) {
  stream.cork();
  process.nextTick(() => stream.uncork());
  stream.write(text);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('corkForThisTurn', () => {
  /**
   * Two publishes from separate callbacks of one turn: a timer's, then a promise continuation that
   * runs after the timer's ticks (mqtt-packet's uncork of the first packet among them). One timer
   * rather than two due at once: two timers may fire in different turns on a loaded machine.
   */
  const twoCallbacksInOneTurn = (stream: Writable, withTurnCork: boolean) =>
    new Promise<void>((resolve) => {
      setTimeout(() => {
        if (withTurnCork) corkForThisTurn(stream);
        writePacket(stream, 'a');
        void Promise.resolve().then(() => {
          if (withTurnCork) corkForThisTurn(stream);
          writePacket(stream, 'b');
          setImmediate(() => setImmediate(resolve));
        });
      }, 0);
    });

  it('sends the packets of separate callbacks in one turn together, at the end of that turn', async () => {
    const { stream, writes } = recordingStream();
    await twoCallbacksInOneTurn(stream, true);
    expect(writes).toEqual([['a', 'b']]);
  });

  it("without it, each callback's packet is its own write (what it saves)", async () => {
    const { stream, writes } = recordingStream();
    await twoCallbacksInOneTurn(stream, false);
    expect(writes).toEqual([['a'], ['b']]);
  });

  it('holds nothing past the turn: a later turn corks afresh and the stream ends uncorked', async () => {
    const { stream, writes } = recordingStream();
    corkForThisTurn(stream);
    writePacket(stream, 'a');
    await nextTurn();
    expect(writes).toEqual([['a']]);
    expect(stream.writableCorked).toBe(0);
    corkForThisTurn(stream);
    writePacket(stream, 'b');
    writePacket(stream, 'c');
    expect(writes).toHaveLength(1);
    await nextTurn();
    expect(writes).toEqual([['a'], ['b', 'c']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('leaves a stream that cannot cork alone', () => {
    expect(() => corkForThisTurn(undefined)).not.toThrow();
    expect(() => corkForThisTurn({})).not.toThrow();
  });
});
