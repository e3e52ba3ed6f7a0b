import { useMemo } from 'react';
import { useApiQuery } from '../../hooks/use-api-query';
import { actorLabelWith, type ActorLabel } from './actor-label';

/** Actor ids in words, with listener tokens named by their labels once the token list is loaded. */
export function useActorLabel(): ActorLabel {
  const { state } = useApiQuery((a) => a.tokens.list());
  const tokens = state.kind === 'ready' ? state.value : undefined;
  return useMemo(() => actorLabelWith(tokens ?? []), [tokens]);
}
