// main/http: Pipewright's one outgoing HTTP client (DESIGN.md §11). It sits below the engine, the
// credentials and the service: it imports none of them (eslint.config.js enforces it), and they all
// send through `sendRequest`. This file is its public face; import from here.
export { closeHttpAgent, configureNetworkPolicy } from './agent.js';
export { sendRequest, ERROR_BODY_BYTES, type BodyLimits, type HttpRequest, type HttpResponse } from './client.js';
export { describeTarget, errorCodes, statusFailure, transportFailure, type RequestTarget, type TransportContext } from './classify.js';
export { HttpFailure, type HttpFailureOptions } from './failure.js';
export {
  networkPolicy, NetworkPolicy, parseAllowList, privateAddressKind, type NetworkPolicySettings,
} from './network-policy.js';
export { allowAllPolicy, type OutgoingPolicy, type OutgoingTarget } from './policy.js';
export {
  BUDGET_VARIABLE, budgetFromEnvironment, configureResponseBudget, DEFAULT_RESPONSE_BUDGET_BYTES, ResponseBudget, responseBudget, type BudgetStats,
} from './response-budget.js';
export {
  decodeBody, decodeText, excerpt, headerValue, isJsonContentType, MAX_RESPONSE_BYTES, normalizeHeaders, readBody, ResponseTooLargeError,
  type DecodedBody,
} from './response.js';
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';
