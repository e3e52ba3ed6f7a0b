import { methodNames, type MethodName, type RequestOf, type ResponseOf } from './methods';
import type { EventName, PayloadOf } from './events';
import type { Result } from './result';

/** What a transport must do: one request/response call and one event subscription. */
export interface Transport {
  invoke(method: MethodName, request: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type Namespace<M> = M extends `${infer N}.${string}` ? N : never;
type Verb<M, N extends string> = M extends `${N}.${infer V}` ? V : never;
type Call<M extends MethodName> = [RequestOf<M>] extends [undefined]
  ? () => Promise<Result<ResponseOf<M>>>
  : (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;

/** The typed API as the UI sees it: `api.settings.get()`, `api.on('settings.changed', fn)`. */
export type ApiClient = {
  [N in Namespace<MethodName>]: { [V in Verb<MethodName, N>]: Call<`${N}.${V}` & MethodName> };
} & {
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
};

/**
 * Builds the verb-per-method client over a transport. Each verb is bound to its own method name,
 * so a caller can never reach a channel that the contract does not declare.
 */
export function buildClient(transport: Transport): ApiClient {
  const api: Record<string, Record<string, (request?: unknown) => Promise<Result<unknown>>>> = {};
  for (const method of methodNames) {
    const [ns, verb] = method.split('.') as [string, string];
    api[ns] ??= {};
    api[ns][verb] = (request?: unknown) => transport.invoke(method, request);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return { ...api, on } as unknown as ApiClient;
}
