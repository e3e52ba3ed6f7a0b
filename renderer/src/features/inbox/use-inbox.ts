import { useEffect } from 'react';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { useApi } from '../../api';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

export interface InboxData {
  query: ApiQuery<InboxItem[]>;
}

/** The controllers waiting for an operator, kept live from `inbox.changed`. */
export function useInbox(): InboxData {
  const api = useApi();
  const query = useApiQuery((a) => a.inbox.list());
  const { replace } = query;
  useEffect(() => api.on('inbox.changed', replace), [api, replace]);
  return { query };
}
