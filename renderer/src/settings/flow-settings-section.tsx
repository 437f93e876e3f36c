// "Flow settings" in the inspector when no node is selected: how much of each step the flow's runs keep
// (settings.trace and its sample rate) and how long its runs are kept (settings.retention, which
// replaces the workspace default as a whole). Edits go through the flow store like any other.
import { useEffect, useId, useState } from 'react';
import type { FlowSettings } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import { describeRetention, toFields, type Retention } from '../operations/retention-model.js';
import {
  DEFAULT_MODE, DEFAULT_SAMPLE_RATE, formatRetentionLimit, formatSampleRate, parseRetentionField, parseSampleRate, retentionLimit, TRACE_CHOICES,
  traceChange, withRetentionLimit, type RetentionKey,
} from './flow-settings-model.js';
import { SettingField } from './setting-field.js';
import { formatPercent } from './units.js';
import './settings.css';

const RETENTION_FIELDS: ReadonlyArray<{ key: RetentionKey; label: string }> = [
  { key: 'days', label: 'Keep runs for (days)' },
  { key: 'runs', label: 'Keep at most (runs)' },
  { key: 'megabytes', label: 'Keep at most (MB of traces)' },
];

export function FlowSettingsSection({ settings, store, client }: { settings: FlowSettings | undefined; store: FlowStore; client: ApiClient | undefined }) {
  const name = useId();
  const workspace = useWorkspaceRetention(client);
  const mode = settings?.trace ?? DEFAULT_MODE;
  const retention = settings?.retention;
  const placeholder = (key: RetentionKey): string => {
    if (retention !== undefined) return 'no limit';
    if (workspace === undefined) return 'workspace default';
    return `${toFields(workspace.retention)[key] || 'no limit'} (workspace default)`;
  };
  return (
    <details className="settings-section" open>
      <summary>Flow settings</summary>
      <fieldset className="inspector-fieldset" role="radiogroup" aria-label="Trace">
        <legend>Trace</legend>
        {TRACE_CHOICES.map((choice) => (
          <label key={choice.value} className="inspector-check">
            <input type="radio" name={name} checked={mode === choice.value} onChange={() => {
              store.setFlowSettings(traceChange(choice.value));
              store.seal();
            }} />
            <span className="settings-choice">
              <span>{choice.label}</span>
              <span className="settings-hint">{choice.sentence}</span>
            </span>
          </label>
        ))}
        {mode === 'sampled' && (
          <SettingField
            label="Sample rate (%)"
            stored={settings?.traceSampleRate}
            format={formatSampleRate}
            parse={parseSampleRate}
            onValue={(traceSampleRate) => store.setFlowSettings({ traceSampleRate })}
            onBlur={store.seal}
            inputMode="decimal"
            placeholder={`${formatPercent(DEFAULT_SAMPLE_RATE)} (default)`}
            hint="The share of messages after each input's first 100 whose payloads are kept."
          />
        )}
      </fieldset>
      <fieldset className="inspector-fieldset">
        <legend>Retention</legend>
        <p className="settings-hint" aria-label="Flow retention">
          {retention === undefined
            ? `Uses the workspace default${workspace === undefined ? '' : ` (${describeRetention(workspace.retention)})`}. Set a limit to give this flow its own policy; it replaces the default as a whole.`
            : `This flow keeps: ${describeRetention(retention)}. Empty every field to use the workspace default.`}
        </p>
        {RETENTION_FIELDS.map(({ key, label }) => (
          <SettingField
            key={key}
            label={label}
            stored={retentionLimit(retention, key)}
            format={(value) => formatRetentionLimit(key, value)}
            parse={(text) => parseRetentionField(key, text)}
            onValue={(limit) => store.setFlowSettings({ retention: withRetentionLimit(retention, key, limit) })}
            onBlur={store.seal}
            inputMode="decimal"
            placeholder={placeholder(key)}
          />
        ))}
      </fieldset>
    </details>
  );
}

/** The workspace's retention default (runs.retentionDefault); undefined while unread or offline. */
function useWorkspaceRetention(client: ApiClient | undefined): { retention?: Retention } | undefined {
  const [answer, setAnswer] = useState<{ retention?: Retention }>();
  useEffect(() => {
    if (client === undefined) return undefined;
    let live = true;
    client.send('runs.retentionDefault', {}).then((value) => live && setAnswer(value), () => undefined);
    return () => {
      live = false;
    };
  }, [client]);
  return answer;
}
