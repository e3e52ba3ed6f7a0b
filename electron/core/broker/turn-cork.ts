/** What of a socket (or mqtt.js' WebSocket stream) this needs: Node's counted cork. */
type Corkable = { cork(): void; uncork(): void };

const corked = new WeakSet<Corkable>();

/**
 * Holds `stream`'s writes until the end of this event-loop turn (`setImmediate`), so the packets
 * of many publishes made in one turn (by separate timers and promise callbacks) leave in one
 * system call instead of one each. mqtt-packet corks each packet only until the next tick, which
 * covers a synchronous loop but not a turn. Cork is counted, so its own cork and uncork nest inside
 * this one. Nothing waits longer than the turn it was written in.
 */
export function corkForThisTurn(stream: Partial<Corkable> | undefined): void {
  if (stream?.cork === undefined || stream.uncork === undefined) return;
  const target = stream as Corkable;
  if (corked.has(target)) return;
  corked.add(target);
  target.cork();
  setImmediate(() => {
    corked.delete(target);
    target.uncork();
  });
}
