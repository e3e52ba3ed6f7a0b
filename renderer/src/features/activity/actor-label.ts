import type { ListenerTokenInfo } from '../../../../shared/protocol/listener/listener-token';

/** How an actor id of the journal reads in the UI. */
export type ActorLabel = (actor: string) => string;

/**
 * `token:<id>` is a listener call made with that token: it reads as the token's label from
 * Settings → Listener tokens (revoked ones keep theirs), or its id when the token is unknown (the
 * list not loaded yet, or a token from a restored backup). `auto` is Fleetdesk's own automatic link.
 */
export function actorLabelWith(tokens: readonly ListenerTokenInfo[]): ActorLabel {
  const labels = new Map(tokens.map((t) => [t.id, t.label.trim()]));
  return (actor) => {
    if (actor.startsWith('token:')) {
      const id = actor.slice('token:'.length);
      const label = labels.get(id);
      return label ? `listener: ${label}` : `listener (token ${id})`;
    }
    if (actor === 'auto') return 'automatic';
    return actor;
  };
}
