// The HTTP transport (DESIGN.md §8): `pipewright serve` builds a service, an event hub and a token store
// and hands them to `createServer`.
export { createServer, DEFAULT_BODY_LIMIT, DEFAULT_HOST, type PipewrightServer, type ServerOptions } from './create-server.js';
export { createEventHub, type EventHub } from './event-hub.js';
export { openTokenStore, tokenFilePath, type OpenedTokenStore, type TokenStore } from './token-store.js';
export { CONTENT_SECURITY_POLICY, defaultDesignerDir, hasDesigner } from './static-files.js';
export { WebhookRoutes } from './webhooks.js';
