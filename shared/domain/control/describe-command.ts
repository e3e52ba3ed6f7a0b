import type { LiveCommand } from './live-command';

/** `storage discharge 5000 W, solar curtail`: the groups a command names, in the order sent. */
export function describeCommand(command: LiveCommand): string {
  const parts = Object.entries(command).flatMap(([group, c]) =>
    c ? [`${group} ${c.policy}${c.setpointW !== undefined ? ` ${c.setpointW} W` : ''}`] : [],
  );
  return parts.join(', ');
}
