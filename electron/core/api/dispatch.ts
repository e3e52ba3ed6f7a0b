import {
  fail,
  isMethodName,
  methods,
  ok,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/contract/result';
import type { Logger } from '../logger';

/** The core's implementation of every contract method. */
export type Handlers = {
  [M in MethodName]: (request: RequestOf<M>) => Promise<ResponseOf<M>> | ResponseOf<M>;
};

/** Thrown by a handler to answer with a specific error code and a message meant for the operator. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/**
 * The single entry of every transport (IPC and WebSocket): checks the method name, validates the
 * request with the contract's schema, runs the handler and wraps the answer. Nothing thrown escapes.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  request: unknown,
  log: Logger,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('unknown-method', `Unknown method ${JSON.stringify(method)}`);
  const parsed = methods[method].request.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
    return fail('invalid-request', `Invalid request for ${method}: ${issues.join('; ')}`);
  }
  try {
    const handler = handlers[method] as (r: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof ApiFailure) return fail(error.code, error.message);
    log.error({ err: error, method }, 'handler failed');
    return fail('internal', `${method} failed unexpectedly; details are in the log`);
  }
}
