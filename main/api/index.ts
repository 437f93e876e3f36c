// The service behind the contract (DESIGN.md §1): hosts create it once and route every call through
// `dispatch`, which validates the params against shared/api before the service sees them.
export { createService, type Service, type ServiceOptions } from './service.js';
export { dispatch } from './dispatch.js';
