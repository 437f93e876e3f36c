// The executor registry: node type → runtime. Each kind's executor lives in its own file here and its
// config schema in shared/catalog/kinds.
import type { NodeExecutor } from '../types.js';
import { httpRequestExecutor } from './http-request.js';
import { dbQueryExecutor } from './db-query.js';
import { fileReadExecutor } from './file-read.js';
import { fileWriteExecutor } from './file-write.js';
import { outputLogExecutor } from './output-log.js';
import { transformFilterExecutor } from './transform-filter.js';
import { transformMapExecutor } from './transform-map.js';
import { transformSplitExecutor } from './transform-split.js';
import { transformSwitchExecutor } from './transform-switch.js';
import { transformValidateExecutor } from './transform-validate.js';
import { transformAggregateExecutor } from './transform-aggregate.js';
import { transformParseExecutor } from './transform-parse.js';
import { transformSerializeExecutor } from './transform-serialize.js';
import { triggerManualExecutor } from './trigger-manual.js';
import { triggerWebhookExecutor } from './trigger-webhook.js';
import { triggerFileExecutor } from './trigger-file.js';
import { triggerScheduleExecutor } from './trigger-schedule.js';
import { controlDelayExecutor } from './control-delay.js';
import { storeGetExecutor } from './store-get.js';
import { storePutExecutor } from './store-put.js';

export { httpRequestExecutor };

// Executors are typed by their own config; the registry hands them configs parsed by the same kind's
// schema, so widening to NodeExecutor<unknown> here is sound.
const executors = [
  triggerManualExecutor,
  triggerWebhookExecutor,
  triggerFileExecutor,
  triggerScheduleExecutor,
  transformMapExecutor,
  transformFilterExecutor,
  transformSwitchExecutor,
  transformSplitExecutor,
  transformValidateExecutor,
  transformAggregateExecutor,
  controlDelayExecutor,
  storeGetExecutor,
  storePutExecutor,
  outputLogExecutor,
  httpRequestExecutor,
  transformParseExecutor,
  transformSerializeExecutor,
  fileReadExecutor,
  fileWriteExecutor,
  dbQueryExecutor,
] as unknown as NodeExecutor[];

export const nodeExecutors: ReadonlyMap<string, NodeExecutor> = new Map(executors.map((executor) => [executor.type, executor]));

export function getNodeExecutor(type: string): NodeExecutor | undefined {
  return nodeExecutors.get(type);
}
