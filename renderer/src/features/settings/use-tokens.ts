import { useState } from 'react';
import type { ListenerTokenInfo } from '../../../../shared/protocol/listener/listener-token';
import { useApi } from '../../api';
import { useAction, type Action } from '../../hooks/use-action';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

/** A token just created: the only moment its secret exists outside the controller's config. */
export type CreatedToken = { secret: string; token: ListenerTokenInfo };

export interface Tokens {
  query: ApiQuery<ListenerTokenInfo[]>;
  create: Action<[label: string, serial: string | null], CreatedToken>;
  revoke: Action<[id: string], ListenerTokenInfo[]>;
  /** The secret to show once; cleared when the operator is done with it. */
  created: CreatedToken | undefined;
  dismissCreated(): void;
}

/** The listener's bearer tokens: list, create (secret shown once), revoke. */
export function useTokens(): Tokens {
  const api = useApi();
  const query = useApiQuery((a) => a.tokens.list());
  const [created, setCreated] = useState<CreatedToken>();
  const create = useAction(
    (label: string, serial: string | null) => api.tokens.create({ label, serial }),
    (value) => {
      setCreated(value);
      query.reload();
    },
  );
  const revoke = useAction((id: string) => api.tokens.revoke({ id }), query.replace);
  return { query, create, revoke, created, dismissCreated: () => setCreated(undefined) };
}
