// What the run panel shows for one node of a run, as plain data: each step's input, its outputs grouped
// by port, and its error with code, message and where it happened. Pure, so it is tested without a DOM.
import type { ErrorData, ErrorLocation } from '../../../shared/errors.js';
import type { StepTrace } from '../../../shared/runs.js';

/** Characters of one payload shown at most; the rest is cut with a note (a 5 MB payload must not freeze the panel). */
export const PAYLOAD_PREVIEW_CHARS = 20_000;

export interface PayloadView {
  text: string;
  /** Cut here, or already cut by the engine (`{ "$truncated": bytes }`). */
  truncated: boolean;
  /** The trace did not keep this payload (trace mode). */
  missing: boolean;
}

export interface PortOutputView {
  port: string;
  payloads: PayloadView[];
}

export interface ErrorView {
  code: string;
  message: string;
  /** e.g. "nodes[2].config.expression, characters 4–9"; absent when the error names no place. */
  where?: string;
}

export interface StepView {
  key: string;
  /** "Message m-1" plus the attempt when it was retried. */
  title: string;
  input: PayloadView;
  outputs: PortOutputView[];
  error?: ErrorView;
  durationMs: number;
}

export function stepViews(steps: readonly StepTrace[]): StepView[] {
  return steps.map((step) => {
    const view: StepView = {
      key: `${step.messageId}#${step.attempt}`,
      title: `Message ${step.messageId}${step.attempt > 1 ? `, attempt ${step.attempt}` : ''}`,
      input: 'input' in step ? payloadView(step.input) : { text: '(not kept by this flow\'s trace mode)', truncated: false, missing: true },
      outputs: outputsByPort(step),
      durationMs: step.durationMs,
    };
    if (step.error) view.error = errorView(step.error);
    return view;
  });
}

function outputsByPort(step: StepTrace): PortOutputView[] {
  const byPort = new Map<string, PayloadView[]>();
  for (const emission of step.outputs ?? []) {
    const list = byPort.get(emission.port);
    if (list) list.push(payloadView(emission.payload));
    else byPort.set(emission.port, [payloadView(emission.payload)]);
  }
  return [...byPort].map(([port, payloads]) => ({ port, payloads }));
}

export function payloadView(value: unknown): PayloadView {
  if (isEngineTruncated(value)) return { text: `(${value.$truncated} bytes, too large to keep in the trace)`, truncated: true, missing: false };
  const full = value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
  if (full.length <= PAYLOAD_PREVIEW_CHARS) return { text: full, truncated: false, missing: false };
  return { text: `${full.slice(0, PAYLOAD_PREVIEW_CHARS)}\n… (${full.length - PAYLOAD_PREVIEW_CHARS} more characters)`, truncated: true, missing: false };
}

function isEngineTruncated(value: unknown): value is { $truncated: number } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { $truncated?: unknown }).$truncated === 'number';
}

export function errorView(error: ErrorData): ErrorView {
  const view: ErrorView = { code: error.code, message: error.message };
  const where = describeWhere(error.location);
  if (where !== undefined) view.where = where;
  return view;
}

export function describeWhere(location: ErrorLocation | undefined): string | undefined {
  if (!location) return undefined;
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.line !== undefined ? `${location.file}:${location.line}${location.column !== undefined ? `:${location.column}` : ''}` : location.file);
  if (location.path !== undefined) parts.push(location.path);
  if (location.range) parts.push(`characters ${location.range.start}–${location.range.end}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
