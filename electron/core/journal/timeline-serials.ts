/**
 * The installations whose timeline an entry belongs on: the one it names, or, for a send refused
 * before anything was published (`command.refused` to many; it names no single serial), every
 * target the operator asked for, so each installation's timeline shows the refusal. Reads the
 * raw line's value, as the scan does before (or without) parsing it.
 */
export function timelineSerials(value: Readonly<Record<string, unknown>>): readonly string[] {
  const serial = value['serial'];
  if (typeof serial === 'string') return [serial];
  const targets = value['targets'];
  if (value['type'] !== 'command.refused' || !Array.isArray(targets)) return [];
  return targets.filter((t): t is string => typeof t === 'string' && t !== '');
}
