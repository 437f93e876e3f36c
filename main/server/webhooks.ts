// The webhook route (DESIGN.md §3 trigger.webhook, §8): `POST /hooks/<flowId>/<nodeId>` with a JSON
// body queues one message at that trigger of the live flow and answers 202 `{ messageId }` only once
// the message is committed (the engine's emitter groups concurrent requests into one transaction). An
// `Idempotency-Key` header makes a re-send a no-op answered 200 with the first message id, also after
// a crash between commit and answer (the key is stored with the message). Refused requests queue
// nothing: wrong method 405, no live trigger 404, body over the trigger's limit 413, not JSON 400, a
// flow being redeployed 503 with Retry-After. No API token: senders are other systems; a trigger with
// `auth` checks a shared token or an HMAC signature of the raw body (./webhook-auth.ts: 401, nothing
// queued), and a trigger whose backlog reached its queue bound answers 503 with Retry-After
// (main/triggers/backlog-gauge.ts). Checks run cheapest and least revealing first: method, trigger, size,
// authentication, then back pressure (an unauthenticated sender learns nothing of the queue), then JSON.
// A paused flow's webhook (main/api/live-flows.ts tells this route through `source.paused`) answers
// 503 with Retry-After before any of that, even while its source is still stopping: nothing is queued.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEBHOOK_MAX_BODY_BYTES, type TriggerWebhookConfig } from '../../shared/catalog/kinds/trigger-webhook.js';
import { isPipewrightError } from '../../shared/errors.js';
import type { FlowNode } from '../../shared/flow/schema.js';
import { findJsonSyntaxError, lineAndColumn } from '../../shared/flow/json-syntax.js';
import type { LiveSourceFactory, LiveTriggerContext } from '../api/live-flows.js';
import type { TriggerEmitter, TriggerSource } from '../engine/types.js';
import { formatBytes, sendError, sendFailure, type ServerLog } from './http-errors.js';
import { WebhookAuthenticator } from './webhook-auth.js';
import { BacklogGauge } from '../triggers/backlog-gauge.js';
import { IntakeBatcher } from './webhook-batcher.js';

/** Longest Idempotency-Key accepted: keys are stored, so a sender cannot make us store megabytes. */
const MAX_KEY_LENGTH = 256;
/** Seconds a sender is asked to wait when the queue is full. */
const FULL_RETRY_AFTER_S = 1;
/** Seconds a sender is asked to wait when the trigger's credential cannot be used (an operator must act). */
const MISCONFIGURED_RETRY_AFTER_S = 30;
/** Seconds a sender is asked to wait while the flow is paused: an operator resumes it, so not soon. */
const PAUSED_RETRY_AFTER_S = 60;

interface LiveHook {
  emitter: TriggerEmitter;
  /** Emits through `emitter`, a loop turn's requests in one commit. */
  intake: IntakeBatcher;
  maxBodyBytes: number;
  auth: WebhookAuthenticator | undefined;
  backlog: BacklogGauge;
  /** Credential problems already logged, so a sender retrying does not flood the log. */
  logged: Set<string>;
}

/** The live webhook triggers, filled by their sources as flows are activated and deactivated. */
export class WebhookRoutes {
  private readonly hooks = new Map<string, LiveHook>();
  /** Webhook triggers of paused flows (hookKey). */
  private readonly paused = new Set<string>();

  /**
   * The source factory the host gives the activations: a source registers its trigger here while
   * started. `live` (the host's credentials and backlog reader) is what auth and back pressure use;
   * without it a trigger with `auth` refuses every request (503) and the queue bound is not checked.
   */
  readonly source: LiveSourceFactory = Object.assign((node: FlowNode, config: unknown, live?: LiveTriggerContext): TriggerSource => {
    const { maxBodyBytes, auth } = config as TriggerWebhookConfig;
    let mine: LiveHook | undefined;
    return {
      start: async (emitter) => {
        mine = {
          emitter, maxBodyBytes, intake: new IntakeBatcher(emitter),
          auth: auth ? new WebhookAuthenticator(auth, live ? (name) => live.credential(name) : undefined) : undefined,
          backlog: BacklogGauge.of(node, live),
          logged: new Set(),
        };
        // A redeploy starts the new version's source before the old one stops: the newest wins.
        this.hooks.set(hookKey(emitter.flowId, emitter.nodeId), mine);
      },
      stop: async () => {
        if (!mine) return;
        const key = hookKey(mine.emitter.flowId, mine.emitter.nodeId);
        if (this.hooks.get(key) === mine) this.hooks.delete(key);
      },
    };
  }, {
    paused: (flowId: string, nodeId: string, paused: boolean): void => {
      if (paused) this.paused.add(hookKey(flowId, nodeId));
      else this.paused.delete(hookKey(flowId, nodeId));
    },
  });

  /** Whether a live or paused trigger serves /hooks/<flowId>/<nodeId> now (metrics label only those: ./metrics/server-metrics.ts). */
  isLive(flowId: string, nodeId: string): boolean {
    const key = hookKey(flowId, nodeId);
    return this.hooks.has(key) || this.paused.has(key);
  }

  async register(app: FastifyInstance, log: ServerLog): Promise<void> {
    await app.register(async (scope) => {
      // The body stays raw: each trigger has its own size limit, and a parse error is the sender's 400.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_MAX_BODY_BYTES }, (_request, body, done) => done(null, body));
      scope.all<{ Params: { flowId: string; nodeId: string } }>('/hooks/:flowId/:nodeId', (request, reply) => this.handle(request, reply, log));
    });
  }

  private async handle(request: FastifyRequest<{ Params: { flowId: string; nodeId: string } }>, reply: FastifyReply, log: ServerLog): Promise<FastifyReply> {
    const { flowId, nodeId } = request.params;
    if (request.method !== 'POST') {
      return sendError(reply.header('allow', 'POST'), { code: 'METHOD_NOT_ALLOWED', message: `a webhook takes POST, not ${request.method}` }, 405);
    }
    if (this.paused.has(hookKey(flowId, nodeId))) {
      return sendError(reply.header('retry-after', String(PAUSED_RETRY_AFTER_S)), { code: 'PAUSED', message: `flow "${flowId}" is paused on this server: it takes no messages until it is resumed; nothing was queued, send again later` }, 503);
    }
    const hook = this.hooks.get(hookKey(flowId, nodeId));
    if (!hook) return sendError(reply, { code: 'NOT_FOUND', message: `no live webhook trigger "${nodeId}" of flow "${flowId}" on this server` }, 404);
    const body = request.body instanceof Buffer ? request.body : Buffer.alloc(0);
    if (body.length > hook.maxBodyBytes) {
      return sendError(reply, { code: 'TOO_LARGE', message: `the body is ${formatBytes(body.length)}; this webhook takes at most ${formatBytes(hook.maxBodyBytes)}` }, 413);
    }
    if (hook.auth) {
      const checked = await hook.auth.check(request.headers, body);
      if (!checked.ok && checked.status === 401) return sendError(reply, { code: 'UNAUTHORIZED', message: checked.message }, 401);
      if (!checked.ok) {
        if (!hook.logged.has(checked.reason) && hook.logged.size < 10) {
          hook.logged.add(checked.reason);
          log(`webhook ${flowId}/${nodeId}: refusing requests (503) until its credential can be used: ${checked.reason}`);
        }
        return sendError(reply.header('retry-after', String(MISCONFIGURED_RETRY_AFTER_S)), { code: 'UNAVAILABLE', message: 'this webhook cannot check requests right now; the server log says why' }, 503);
      }
    }
    const key = request.headers['idempotency-key'];
    if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH))) {
      return sendError(reply, { code: 'BAD_REQUEST', message: `send one Idempotency-Key of 1 to ${MAX_KEY_LENGTH} characters` }, 400);
    }
    if (!(await hook.backlog.admit())) {
      return sendError(reply.header('retry-after', String(FULL_RETRY_AFTER_S)), { code: 'UNAVAILABLE', message: `flow "${flowId}" has ${hook.backlog.limit.toLocaleString('en-US')} or more messages waiting (the queue bound of "${nodeId}"); send again later` }, 503);
    }
    const parsed = parseJsonBody(body);
    if (!parsed.ok) {
      hook.backlog.settled(0);
      return sendError(reply, { code: 'BAD_JSON', message: parsed.message }, 400);
    }
    let queued = false;
    try {
      const { messageId, duplicate } = await hook.intake.emit(parsed.value, key);
      queued = !duplicate;
      return reply.code(duplicate ? 200 : 202).type('application/json; charset=utf-8').send({ messageId, duplicate });
    } catch (error) {
      if (isPipewrightError(error) && error.code === 'ACTIVATION_ENDED') {
        return sendError(reply.header('retry-after', '1'), { code: 'UNAVAILABLE', message: `flow "${flowId}" is being redeployed or stopped; send again shortly` }, 503);
      }
      return sendFailure(reply, error, log, `webhook ${flowId}/${nodeId}`);
    } finally {
      hook.backlog.settled(queued ? 1 : 0);
    }
  }
}

function hookKey(flowId: string, nodeId: string): string {
  return `${flowId}/${nodeId}`;
}

function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, message: 'the body is empty: send the message as JSON' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const at = lineAndColumn(text, found?.offset ?? text.length);
    return { ok: false, message: `the body is not JSON: ${found?.message ?? (error as Error).message} (line ${at.line}, column ${at.column})` };
  }
}
