// Hardening catalogue — redaction never changes data (issue "Hardening", DESIGN.md §6). A secret is
// hidden where people read (traces, logs, errors, what the CLI and the designer show), never inside the
// payloads the engine keeps: a dead letter is replayed exactly as the failed step received it. Secrets
// under 8 characters are not recognised at all, so "2026" cannot turn "2026-12-04" into "[redacted]-12-04".
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createCredentialProvider } from '../../../main/credentials/provider.js';
import { REDACTED } from '../../../main/credentials/types.js';
import { openEngine } from '../../../main/engine/index.js';
import type { Engine } from '../../../main/engine/types.js';
import { closeHttpAgent } from '../../../main/http/index.js';
import { memoryVault } from '../credentials/memory-vault.js';

const SHORT_SECRET = '2026';
const LONG_SECRET = 'erp-token-7f3a9c2e51';

/** The target: answers 500 until told to recover, and keeps every body it was sent, byte for byte. */
class Target {
  failing = true;
  readonly bodies: string[] = [];
  readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(this.failing ? 500 : 200, { 'content-type': 'application/json' });
      res.end(this.failing ? '{"error":"down"}' : '{"ok":true}');
    });
  });

  url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

let target: Target;
let workspace: string;
let engine: Engine;

const order = { id: 'A-1', orderDate: '2026-12-04', amount: 2026, year: 2026, note: `partner key ${LONG_SECRET} echoed by the shop`, apiKey: LONG_SECRET };

function flow(): FlowDocument {
  return {
    format: 'pipewright/flow@1', id: 'send-order', name: 'Send an order',
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'short', type: 'http.request', position: [200, 0], config: { method: 'POST', url: `${target.url()}/short`, credential: 'short' }, retry: { maxAttempts: 1, backoffMs: 10, maxBackoffMs: 10 } },
      { id: 'long', type: 'http.request', position: [400, 0], config: { method: 'POST', url: `${target.url()}/long`, credential: 'long' }, retry: { maxAttempts: 1, backoffMs: 10, maxBackoffMs: 10 } },
    ],
    edges: [{ from: 'in', to: 'short' }, { from: 'in', to: 'long' }],
  };
}

beforeAll(async () => {
  target = new Target();
  target.server.listen(0, '127.0.0.1');
  await once(target.server, 'listening');
  workspace = mkdtempSync(join(tmpdir(), 'pipewright-redaction-'));
  const provider = createCredentialProvider(memoryVault([
    { definition: { name: 'short', type: 'bearer', fields: {} }, secret: SHORT_SECRET },
    { definition: { name: 'long', type: 'bearer', fields: {} }, secret: LONG_SECRET },
  ]));
  engine = openEngine({ workspace, credentials: provider });
});

afterAll(async () => {
  engine?.close();
  await closeHttpAgent();
  target?.server.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('redaction never changes data', () => {
  it('dead-letters the order as sent, shows it without the long secret, and replays it byte-identical', async () => {
    const document = flow();
    const report = await engine.drive(await engine.startRun({ flow: document, inputs: [{ triggerId: 'in', messages: [order] }] }));
    expect(report.dead).toHaveLength(2);
    expect(target.bodies).toHaveLength(2);
    const [firstShort, firstLong] = target.bodies;
    expect(JSON.parse(firstShort!)).toEqual(order);

    const letters = await Promise.all(report.dead.map((dead) => engine.deadLetter(dead.id)));
    const shortLetter = letters.find((letter) => letter.nodeId === 'short')!;
    const longLetter = letters.find((letter) => letter.nodeId === 'long')!;
    // Shown, the long secret is hidden; the four-character one is not recognised, so the date, the
    // amount and the year stay as they were.
    const shown = { ...order, note: `partner key ${REDACTED} echoed by the shop`, apiKey: REDACTED };
    expect(shortLetter.payload).toEqual(shown);
    expect(longLetter.payload).toEqual(shown);
    expect(JSON.stringify(await engine.traces(report.runId))).not.toContain(LONG_SECRET);

    target.failing = false;
    const replay = await engine.replay([shortLetter.id, longLetter.id], document);
    expect(replay.status).toBe('succeeded');
    expect(target.bodies).toHaveLength(4);
    // Same node order as the first run: the replayed bodies are the first run's, byte for byte.
    expect(target.bodies.slice(2).sort()).toEqual([firstShort, firstLong].sort());
    expect(target.bodies.slice(2).some((body) => body.includes(LONG_SECRET))).toBe(true);
  });
});
