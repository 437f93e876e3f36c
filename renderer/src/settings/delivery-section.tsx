// The node's "Delivery and notes" section under its config form: how transient failures are retried,
// the queue bound that gives back pressure, and free notes. Each edit is a `set-delivery` change through
// the flow store (undo, Unsaved); an empty field removes its key, so the flow file stays minimal.
import { useId, useState } from 'react';
import type { NodeKind } from '../../../shared/catalog/index.js';
import type { FlowNode } from '../../../shared/flow/schema.js';
import { deliveryOf, type NodeDelivery, type RetrySetting } from '../canvas/changes.js';
import type { FlowStore } from '../canvas/store.js';
import {
  delayNote, deliveryApplies, deliverySummary, describeRetry, effectiveRetry, parseAttempts, parseFirstDelay, parseMaxDelay, parseQueueLimit,
  POLICY_DEFAULTS, retryForMode, retryModeOf, type RetryMode,
} from './delivery-model.js';
import { DEFAULT_QUEUE_LIMIT, defaultRetryOf } from './engine-defaults.js';
import { SettingField } from './setting-field.js';
import { formatCount, formatDuration } from './units.js';
import './settings.css';

export function DeliverySection({ node, kind, store }: { node: FlowNode; kind: NodeKind | undefined; store: FlowStore }) {
  const delivery = deliveryOf(node);
  const applies = deliveryApplies(kind);
  const summary = deliverySummary(delivery);
  // Open when the node sets something, so what it sets is seen; the user's toggle wins afterwards.
  const [open, setOpen] = useState(summary !== '');
  // A setting that has no effect on this kind is shown while the node is selected once it had one, so
  // the field being emptied does not vanish under the cursor.
  const [had] = useState({ retry: delivery.retry !== undefined, queueLimit: delivery.queueLimit !== undefined });
  const set = (patch: NodeDelivery) => store.setNodeDelivery(node.id, patch);
  const title = kind?.title ?? node.type;
  return (
    <details className="settings-section" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Delivery and notes{summary !== '' && <span className="settings-summary"> · {summary}</span>}
      </summary>
      {applies.retry || had.retry || delivery.retry !== undefined ? (
        <RetryFields node={node} title={title} applies={applies.retry} set={set} seal={store.seal} />
      ) : null}
      {applies.queueLimit || had.queueLimit || delivery.queueLimit !== undefined ? (
        <SettingField
          label="Queue limit"
          stored={delivery.queueLimit}
          format={String}
          parse={parseQueueLimit}
          onValue={(queueLimit) => set({ queueLimit })}
          onBlur={store.seal}
          inputMode="numeric"
          placeholder={`${formatCount(DEFAULT_QUEUE_LIMIT)} (default)`}
          hint={!applies.queueLimit
            ? `Has no effect: a ${title} runs in memory with the step before it and holds no queue. Empty the field to remove it.`
            : kind?.isTrigger === true
              ? 'Back pressure: while this many messages wait here, the trigger takes no more (a webhook answers 503 with Retry-After).'
              : 'Back pressure: while this many messages wait here, the nodes before it are paused.'}
        />
      ) : null}
      {!applies.retry && !applies.queueLimit && (
        <p className="settings-hint">Retries and a queue limit do not apply: a {title} runs in memory together with the step before it.</p>
      )}
      <NotesField notes={delivery.notes} set={set} seal={store.seal} />
    </details>
  );
}

const MODES: ReadonlyArray<{ mode: RetryMode; label: string }> = [
  { mode: 'default', label: 'Default' },
  { mode: 'off', label: 'Off' },
  { mode: 'custom', label: 'Custom' },
];

function RetryFields({ node, title, applies, set, seal }: { node: FlowNode; title: string; applies: boolean; set: (patch: NodeDelivery) => void; seal: () => void }) {
  const name = useId();
  const retry = node.retry;
  const mode = retryModeOf(retry);
  const kindDefault = defaultRetryOf(node.type);
  const choose = (next: RetryMode) => {
    set({ retry: retryForMode(next, node.type) });
    seal();
  };
  /** Sets one part of the custom policy; an undefined delay is left out (the schema's default applies). */
  const change = (patch: Partial<RetrySetting>) => {
    if (retry === undefined) return;
    const merged: Partial<RetrySetting> = { ...retry, ...patch };
    const next: RetrySetting = { maxAttempts: merged.maxAttempts ?? retry.maxAttempts };
    if (merged.backoffMs !== undefined) next.backoffMs = merged.backoffMs;
    if (merged.maxBackoffMs !== undefined) next.maxBackoffMs = merged.maxBackoffMs;
    set({ retry: next });
  };
  const note = retry !== undefined && mode === 'custom' ? delayNote(retry) : undefined;
  return (
    <fieldset className="inspector-fieldset" role="radiogroup" aria-label="Retries">
      <legend>Retries</legend>
      <p className="settings-hint">
        {applies
          ? 'A transient failure (timeout, 429, 5xx, connection reset) is tried again; a permanent one is not. After the last attempt the message goes to the error edge or to dead letters.'
          : `Has no effect: a ${title} never fails in a way worth retrying. Choose Default to remove the policy.`}
      </p>
      <div className="settings-choices">
        {MODES.map((choice) => (
          <label key={choice.mode} className="inspector-check">
            <input type="radio" name={name} checked={mode === choice.mode} onChange={() => choose(choice.mode)} />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {mode === 'default' && applies && <p className="settings-hint">As a {title} does by default: {describeRetry(kindDefault)}.</p>}
      {mode === 'off' && <p className="settings-hint">One attempt: a transient failure fails the message at once.</p>}
      {mode === 'custom' && retry !== undefined && (
        <>
          <SettingField label="Attempts" stored={retry.maxAttempts} format={String} parse={parseAttempts} onValue={(maxAttempts) => maxAttempts !== undefined && change({ maxAttempts })} onBlur={seal} inputMode="numeric" placeholder={String(kindDefault.maxAttempts)} hint="The first try included." />
          <SettingField label="First delay" stored={retry.backoffMs} format={formatDuration} parse={parseFirstDelay} onValue={(backoffMs) => change({ backoffMs })} onBlur={seal} placeholder={formatDuration(POLICY_DEFAULTS.backoffMs)} hint="Doubles with each attempt, with jitter; e.g. 500 ms, 2 s, 1 min (a bare number is seconds)." />
          <SettingField label="Max delay" stored={retry.maxBackoffMs} format={formatDuration} parse={parseMaxDelay} onValue={(maxBackoffMs) => change({ maxBackoffMs })} onBlur={seal} placeholder={formatDuration(POLICY_DEFAULTS.maxBackoffMs)} hint={`The longest wait between two attempts. Now: ${describeRetry(effectiveRetry(retry))}.`} />
          {note && <p className="settings-hint settings-warning">{note}</p>}
        </>
      )}
    </fieldset>
  );
}

function NotesField({ notes, set, seal }: { notes: string | undefined; set: (patch: NodeDelivery) => void; seal: () => void }) {
  return (
    <label className="inspector-field">
      <span>Notes</span>
      <textarea className="input settings-notes" value={notes ?? ''} placeholder="What this node is for, who owns the system it calls, …" onChange={(event) => set({ notes: event.target.value })} onBlur={seal} rows={3} />
    </label>
  );
}
