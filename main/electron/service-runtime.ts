// The service side of the desktop transport: what the utility process does with each message from
// main. Plain Node (service-host.ts only wires it to `process.parentPort`), so tests run it on a real
// workspace. Calls go through main/api's `dispatch` like HTTP calls do: same validation, same service.
import { apiErrorCodes } from '../../shared/api/errors.js';
import type { Service, ServiceOptions } from '../api/service.js';
import { dispatch } from '../api/dispatch.js';
import type { FromService, ToService } from './service-messages.js';
import { serviceErrorData } from './state-db-errors.js';

export interface ServiceRuntimeOptions {
  createService(options: ServiceOptions): Service;
  post(message: FromService): void;
  /** Where unexpected errors go with their stack (the utility process's stderr). */
  log?: (line: string) => void;
}

export interface ServiceRuntime {
  handle(message: ToService): Promise<void>;
}

export function createServiceRuntime(options: ServiceRuntimeOptions): ServiceRuntime {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let service: Service | undefined;
  let workspace = '';

  const start = (folder: string): void => {
    if (service) {
      options.post({ type: 'start-failed', error: { code: 'SERVICE_RUNNING', message: `the service already serves ${workspace}` } });
      return;
    }
    try {
      service = options.createService({ workspace: folder, onEvent: (event) => options.post({ type: 'event', event }) });
      workspace = folder;
      options.post({ type: 'ready', workspace: folder });
    } catch (error) {
      options.post({ type: 'start-failed', error: serviceErrorData(error, folder) });
    }
  };

  const call = async (id: number, method: string, params: unknown): Promise<void> => {
    if (!service) {
      options.post({ type: 'result', id, response: { ok: false, error: { code: 'SERVICE_NOT_STARTED', message: 'no workspace is open' } } });
      return;
    }
    try {
      const result = await dispatch(service, method, params);
      options.post({ type: 'result', id, response: { ok: true, result: result ?? null } });
    } catch (error) {
      const data = serviceErrorData(error, workspace);
      if (data.code === apiErrorCodes.internal) log(`${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      options.post({ type: 'result', id, response: { ok: false, error: data } });
    }
  };

  return {
    async handle(message) {
      switch (message.type) {
        case 'start':
          start(message.workspace);
          return;
        case 'call':
          await call(message.id, message.method, message.params);
          return;
        case 'stop':
          await service?.close();
          service = undefined;
          options.post({ type: 'stopped' });
          return;
        default:
          log(`unknown message from main: ${JSON.stringify(message)}`);
      }
    },
  };
}
