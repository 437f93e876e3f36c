// The node catalog (DESIGN.md §3): every kind this build of Pipewright knows, by type name.
import type { NodeKind } from './node-kind.js';
import { httpRequest } from './kinds/http-request.js';
import { dbQuery } from './kinds/db-query.js';
import { fileRead } from './kinds/file-read.js';
import { fileWrite } from './kinds/file-write.js';
import { outputLog } from './kinds/output-log.js';
import { transformFilter } from './kinds/transform-filter.js';
import { transformMap } from './kinds/transform-map.js';
import { transformSplit } from './kinds/transform-split.js';
import { transformSwitch } from './kinds/transform-switch.js';
import { transformValidate } from './kinds/transform-validate.js';
import { transformAggregate } from './kinds/transform-aggregate.js';
import { controlDelay } from './kinds/control-delay.js';
import { storeGet } from './kinds/store-get.js';
import { storePut } from './kinds/store-put.js';
import { transformParse } from './kinds/transform-parse.js';
import { transformSerialize } from './kinds/transform-serialize.js';
import { triggerManual } from './kinds/trigger-manual.js';
import { triggerWebhook } from './kinds/trigger-webhook.js';
import { triggerFile } from './kinds/trigger-file.js';
import { triggerSchedule } from './kinds/trigger-schedule.js';

export type { NodeKind, JsonataField, NodeCategory, NodeEffects } from './node-kind.js';

// Each kind is typed by its own config; the registry is read generically (config arrives as unknown
// and is parsed by `configSchema` before any kind-specific function sees it).
const kinds = [
  triggerManual, triggerWebhook, transformMap, transformFilter, transformSwitch, transformSplit, transformValidate, transformAggregate, controlDelay, storeGet, storePut, outputLog, httpRequest,
  fileRead, fileWrite, dbQuery,
  transformParse, transformSerialize,
  triggerFile,
  triggerSchedule,
] as unknown as NodeKind[];

export const nodeCatalog: ReadonlyMap<string, NodeKind> = new Map(kinds.map((kind) => [kind.type, kind]));

export function getNodeKind(type: string): NodeKind | undefined {
  return nodeCatalog.get(type);
}
