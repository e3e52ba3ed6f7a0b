/**
 * Calls `visit` for each installation whose timeline an entry belongs on: the one it names, or, for
 * a send refused before anything was published (`command.refused` to many; it names no single
 * serial), every target the operator asked for, so each installation's timeline shows the
 * refusal. Reads the raw line's value, as the scan does before (or without) parsing it. A visitor,
 * not a list: this runs for every entry the journal writes.
 */
export function forEachTimelineSerial(
  value: Readonly<Record<string, unknown>>,
  visit: (serial: string) => void,
): void {
  const serial = value['serial'];
  if (typeof serial === 'string') return visit(serial);
  const targets = value['targets'];
  if (value['type'] !== 'command.refused' || !Array.isArray(targets)) return;
  for (const target of targets) if (typeof target === 'string' && target !== '') visit(target);
}
