import type {
  BrokerProfilesView,
  BrokerTestResult,
  SaveBrokerProfileRequest,
  TestBrokerProfileRequest,
} from '../../../../shared/contract/broker-methods';
import type { LinkView } from '../../../../shared/contract/control-methods';
import { useApi } from '../../api';
import { useAction, type Action } from '../../hooks/use-action';
import { useApiQuery, type ApiQuery } from '../../hooks/use-api-query';

export interface BrokerProfiles {
  query: ApiQuery<BrokerProfilesView>;
  save: Action<[request: SaveBrokerProfileRequest], BrokerProfilesView>;
  remove: Action<[id: string], BrokerProfilesView>;
  test: Action<[request: TestBrokerProfileRequest], BrokerTestResult>;
  connect: Action<[id: string], LinkView>;
}

/** The saved brokers of Settings: list, save (password write-only), delete, test, connect. */
export function useBrokerProfiles(): BrokerProfiles {
  const api = useApi();
  const query = useApiQuery((a) => a.broker.listProfiles());
  const save = useAction(
    (request: SaveBrokerProfileRequest) => api.broker.saveProfile(request),
    query.replace,
  );
  const remove = useAction((id: string) => api.broker.deleteProfile({ id }), query.replace);
  const test = useAction((request: TestBrokerProfileRequest) => api.broker.testProfile(request));
  const connect = useAction((id: string) => api.broker.connectProfile({ id }), query.reload);
  return { query, save, remove, test, connect };
}
