/**
 * Collects items and hands them over in one batch at the end of the event-loop turn (after I/O,
 * so every request parsed in this turn is in it).
 */
export function turnBatcher<T>(flush: (items: T[]) => void): (item: T) => void {
  let items: T[] = [];
  return (item) => {
    if (items.length === 0)
      setImmediate(() => {
        const batch = items;
        items = [];
        flush(batch);
      });
    items.push(item);
  };
}
