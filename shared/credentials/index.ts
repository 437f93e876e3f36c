export * from './definition.js';
export * from './allowed-hosts.js';
