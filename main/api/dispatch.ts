// The one entry point both transports call: validate the raw params against the contract, then call
// the service. Unknown methods and bad params fail here with UNKNOWN_METHOD / INVALID_PARAMS, so the
// service only ever sees typed, checked params.
import { isMethod, parseParams, type Handlers, type Method, type Params, type Result } from '../../shared/api/contract.js';
import { PipewrightError } from '../../shared/errors.js';

export async function dispatch(service: Handlers, method: string, rawParams: unknown): Promise<unknown> {
  if (!isMethod(method)) throw new PipewrightError('UNKNOWN_METHOD', `"${method}" is not a Pipewright API method`);
  return call(service, method, parseParams(method, rawParams));
}

function call<M extends Method>(service: Handlers, method: M, params: Params<M>): Promise<Result<M>> {
  const handler = service[method] as (params: Params<M>) => Promise<Result<M>>;
  return handler(params);
}
