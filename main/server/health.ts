// GET /api/health, no token (DESIGN.md §8): whether this server can do its work, for a load balancer,
// systemd or a container's health check. 200 with `status: 'ok'` while the store answers; 503 with
// `status: 'degraded'` and the store's error otherwise. `live` lists the flows whose triggers run here
// (flows.live): the version they feed and their trigger types.
import type { FastifyInstance } from 'fastify';
import type { Handlers } from '../../shared/api/contract.js';
import { packageVersion } from '../api/package-version.js';

/** A store that does not answer within this is reported as not answering (a locked or unreachable database). */
const STORE_CHECK_MS = 5_000;

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  /** 'ok', or what went wrong asking the store. */
  store: string;
  live: Array<{ flowId: string; version: number; triggers: string[] }>;
}

export function registerHealthRoute(app: FastifyInstance, service: Pick<Handlers, 'runs.list' | 'flows.live'>): void {
  app.get('/api/health', async (_request, reply) => {
    const health = await checkHealth(service);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });
}

export async function checkHealth(service: Pick<Handlers, 'runs.list' | 'flows.live'>): Promise<HealthReport> {
  const [store, flows] = await Promise.all([
    withinTime(service['runs.list']({ limit: 1 }), 'the state database did not answer'),
    withinTime(service['flows.live']({}), 'the live flows could not be listed'),
  ]);
  const live = flows.ok ? flows.value.flatMap((flow) => (flow.live ? [{ flowId: flow.flowId, version: flow.live.version, triggers: flow.triggers }] : [])) : [];
  const healthy = store.ok && flows.ok;
  return { status: healthy ? 'ok' : 'degraded', version: packageVersion(), store: store.ok ? 'ok' : store.error, live };
}

async function withinTime<T>(work: Promise<T>, timeoutMessage: string): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${timeoutMessage} within ${STORE_CHECK_MS / 1000} s`)), STORE_CHECK_MS);
  });
  try {
    return { ok: true, value: await Promise.race([work, timeout]) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
