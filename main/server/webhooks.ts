// The webhook route (DESIGN.md §3 trigger.webhook, §8): `POST /hooks/<flowId>/<nodeId>` with a JSON
// body queues one message at that trigger of the live flow and answers 202 `{ messageId }` only once
// the message is committed (the engine's emitter groups concurrent requests into one transaction). An
// `Idempotency-Key` header makes a re-send a no-op answered 200 with the first message id, also after
// a crash between commit and answer (the key is stored with the message). Refused requests queue
// nothing: wrong method 405, no live trigger 404, body over the trigger's limit 413, not JSON 400, a
// flow being redeployed 503 with Retry-After. No API token: senders are other systems (the trigger's
// own authentication comes with the live-flows work).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEBHOOK_MAX_BODY_BYTES, type TriggerWebhookConfig } from '../../shared/catalog/kinds/trigger-webhook.js';
import { isPipewrightError } from '../../shared/errors.js';
import { findJsonSyntaxError, lineAndColumn } from '../../shared/flow/json-syntax.js';
import type { TriggerEmitter, TriggerSource, TriggerSourceFactory } from '../engine/types.js';
import { formatBytes, sendError, sendFailure, type ServerLog } from './http-errors.js';

/** Longest Idempotency-Key accepted: keys are stored, so a sender cannot make us store megabytes. */
const MAX_KEY_LENGTH = 256;

interface LiveHook {
  emitter: TriggerEmitter;
  maxBodyBytes: number;
}

/** The live webhook triggers, filled by their sources as flows are activated and deactivated. */
export class WebhookRoutes {
  private readonly hooks = new Map<string, LiveHook>();

  /** The source factory the host gives the activations: a source registers its trigger here while started. */
  readonly source: TriggerSourceFactory = (_node, config): TriggerSource => {
    let mine: LiveHook | undefined;
    return {
      start: async (emitter) => {
        mine = { emitter, maxBodyBytes: (config as TriggerWebhookConfig).maxBodyBytes };
        // A redeploy starts the new version's source before the old one stops: the newest wins.
        this.hooks.set(hookKey(emitter.flowId, emitter.nodeId), mine);
      },
      stop: async () => {
        if (!mine) return;
        const key = hookKey(mine.emitter.flowId, mine.emitter.nodeId);
        if (this.hooks.get(key) === mine) this.hooks.delete(key);
      },
    };
  };

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
    const hook = this.hooks.get(hookKey(flowId, nodeId));
    if (!hook) return sendError(reply, { code: 'NOT_FOUND', message: `no live webhook trigger "${nodeId}" of flow "${flowId}" on this server` }, 404);
    const body = request.body instanceof Buffer ? request.body : Buffer.alloc(0);
    if (body.length > hook.maxBodyBytes) {
      return sendError(reply, { code: 'TOO_LARGE', message: `the body is ${formatBytes(body.length)}; this webhook takes at most ${formatBytes(hook.maxBodyBytes)}` }, 413);
    }
    const key = request.headers['idempotency-key'];
    if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH))) {
      return sendError(reply, { code: 'BAD_REQUEST', message: `send one Idempotency-Key of 1 to ${MAX_KEY_LENGTH} characters` }, 400);
    }
    const parsed = parseJsonBody(body);
    if (!parsed.ok) return sendError(reply, { code: 'BAD_JSON', message: parsed.message }, 400);
    try {
      const { messageIds, duplicate } = await hook.emitter.emit([parsed.value], key === undefined ? {} : { idempotencyKey: key });
      return reply.code(duplicate ? 200 : 202).type('application/json; charset=utf-8').send({ messageId: messageIds[0], duplicate });
    } catch (error) {
      if (isPipewrightError(error) && error.code === 'ACTIVATION_ENDED') {
        return sendError(reply.header('retry-after', '1'), { code: 'UNAVAILABLE', message: `flow "${flowId}" is being redeployed or stopped; send again shortly` }, 503);
      }
      return sendFailure(reply, error, log, `webhook ${flowId}/${nodeId}`);
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
