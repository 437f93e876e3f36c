// Entry of the utility process that hosts the engine and the service (DESIGN.md §1): a long mapping or
// a big SQLite write runs here and never stalls the window. Main starts it with utilityProcess.fork and
// talks to it through `process.parentPort` (service-messages.ts); after 'stopped' main ends the process.
import { createService } from '../api/service.js';
import type { ToService } from './service-messages.js';
import { createServiceRuntime } from './service-runtime.js';

const port = process.parentPort;
const runtime = createServiceRuntime({ createService, post: (message) => port.postMessage(message) });
port.on('message', (event) => void runtime.handle(event.data as ToService));
