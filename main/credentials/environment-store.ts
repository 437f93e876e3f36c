// Secrets from the environment, for servers and CI: the secret of credential `erp-api` is
// `PIPEWRIGHT_SECRET_ERP_API` (the name upper-cased, every other character than A-Z and 0-9 becoming
// "_"). Read-only: Pipewright cannot change its own environment, so saving tells the user what to set.
import { PipewrightError } from '../../shared/errors.js';
import type { SecretStore } from './types.js';
import { SECRET_VARIABLE_PREFIX } from './store-errors.js';

/** The environment variable that holds a credential's secret. */
export function secretVariableOf(name: string): string {
  return `${SECRET_VARIABLE_PREFIX}${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export class EnvironmentStore implements SecretStore {
  readonly kind = 'environment' as const;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get(name: string): Promise<string | undefined> {
    const value = this.env[secretVariableOf(name)];
    return Promise.resolve(value === undefined || value === '' ? undefined : value);
  }

  set(name: string): Promise<void> {
    return Promise.reject(readOnly(name, 'set'));
  }

  delete(name: string): Promise<boolean> {
    return Promise.reject(readOnly(name, 'remove'));
  }
}

function readOnly(name: string, verb: 'set' | 'remove'): PipewrightError {
  return new PipewrightError(
    'SECRET_STORE_READ_ONLY',
    `secrets of this workspace come from the environment, which Pipewright cannot change: ${verb} ${secretVariableOf(name)} in the environment of the process instead`,
  );
}
