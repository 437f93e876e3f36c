// The credential form as data: which fields each type has (shared/credentials' schema, in words a user
// reads), the form's values ↔ a definition, and every problem keyed by field (`name`, `fields.tokenUrl`,
// `secret`) from the same zod schema the service checks with. No React, so the rules are easy to test.
import { credentialDefinitionSchema, secretFieldOf, type CredentialDefinition, type CredentialSummary, type CredentialType } from '../../../shared/credentials/definition.js';
import type { Problem } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';

export interface FieldSpec {
  key: string;
  label: string;
  control: 'text' | 'url' | 'select';
  options?: Array<{ value: string; label: string }>;
  required: boolean;
  placeholder?: string;
  hint?: string;
}

export const fieldSpecs: Record<CredentialType, FieldSpec[]> = {
  apiKey: [
    { key: 'in', label: 'Send the key in', control: 'select', required: true, options: [{ value: 'header', label: 'a request header' }, { value: 'query', label: 'a query parameter' }] },
    { key: 'name', label: 'Header or parameter name', control: 'text', required: true, placeholder: 'X-API-Key' },
    { key: 'prefix', label: 'Prefix (optional)', control: 'text', required: false, placeholder: 'Token ', hint: 'Put before the key in a header, e.g. "Token ".' },
  ],
  basic: [{ key: 'username', label: 'Username', control: 'text', required: true }],
  bearer: [],
  oauth2ClientCredentials: [
    { key: 'tokenUrl', label: 'Token URL', control: 'url', required: true, placeholder: 'https://auth.example.com/oauth/token' },
    { key: 'clientId', label: 'Client ID', control: 'text', required: true },
    { key: 'scope', label: 'Scope (optional)', control: 'text', required: false, hint: 'Space-separated scopes.' },
    { key: 'audience', label: 'Audience (optional)', control: 'text', required: false },
    { key: 'clientAuth', label: 'Client authentication', control: 'select', required: false, options: [{ value: '', label: 'HTTP basic header (default)' }, { value: 'body', label: 'in the form body' }] },
  ],
  postgres: [
    { key: 'host', label: 'Host', control: 'text', required: true, placeholder: 'db.example.com' },
    { key: 'port', label: 'Port', control: 'text', required: false, placeholder: '5432' },
    { key: 'database', label: 'Database', control: 'text', required: true },
    { key: 'user', label: 'User', control: 'text', required: true },
    {
      key: 'ssl', label: 'TLS', control: 'select', required: false,
      options: [{ value: '', label: 'off (default)' }, { value: 'require', label: 'required, certificate not checked' }, { value: 'verify', label: 'required and verified' }],
    },
  ],
};

export interface CredentialFormValues {
  name: string;
  type: CredentialType;
  /** Every field as typed; empty optional ones are left out of the definition. */
  fields: Record<string, string>;
  secret: string;
  /** The hosts the credential may be sent to, one per line or comma-separated; empty = any host (DESIGN.md §6). */
  allowedHosts: string;
}

const defaultFields: Record<CredentialType, Record<string, string>> = {
  apiKey: { in: 'header', name: 'X-API-Key' },
  basic: {},
  bearer: {},
  oauth2ClientCredentials: {},
  postgres: {},
};

export function emptyForm(type: CredentialType = 'bearer'): CredentialFormValues {
  return { name: '', type, fields: { ...defaultFields[type] }, secret: '', allowedHosts: '' };
}

/** The form for editing a saved credential: its fields, and an empty secret (the saved one never comes back). */
export function formOf(summary: CredentialSummary): CredentialFormValues {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(summary.fields)) if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
  const allowedHosts = 'allowedHosts' in summary ? (summary.allowedHosts ?? []).join('\n') : '';
  return { name: summary.name, type: summary.type, fields, secret: '', allowedHosts };
}

/** Switching type keeps the name, drops fields the new type does not have. */
export function withType(values: CredentialFormValues, type: CredentialType): CredentialFormValues {
  return { ...values, type, fields: { ...defaultFields[type] } };
}

export interface CheckedForm {
  definition?: CredentialDefinition;
  /** undefined: keep the saved secret. */
  secret?: string;
  /** Field key (`name`, `fields.username`, `secret`) → what is wrong. */
  errors: Map<string, string>;
}

/**
 * The definition and secret to save, or what is wrong. `saved` is the credential being edited: without
 * one (or when the type changes) a secret is required; otherwise an empty secret keeps the saved one.
 */
export function checkForm(values: CredentialFormValues, saved?: CredentialSummary): CheckedForm {
  const fields: Record<string, string> = {};
  for (const spec of fieldSpecs[values.type]) {
    const value = values.fields[spec.key] ?? '';
    if (value !== '' || spec.required) fields[spec.key] = spec.key === 'prefix' ? value : value.trim();
  }
  const errors = new Map<string, string>();
  // An empty required field says so in its own words, before the schema's remarks on the format.
  for (const spec of fieldSpecs[values.type]) if (spec.required && (fields[spec.key] ?? '') === '') errors.set(`fields.${spec.key}`, `${spec.label} is required.`);
  const hosts = hostsOf(values.allowedHosts);
  const bindsHosts = values.type !== 'postgres' && hosts.length > 0;
  const parsed = credentialDefinitionSchema.safeParse({ name: values.name.trim(), type: values.type, fields, ...(bindsHosts ? { allowedHosts: hosts } : {}) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Every host's problem lands on the one allowed-hosts input, naming the host.
      const host = issue.path[0] === 'allowedHosts' ? hosts[Number(issue.path[1])] : undefined;
      const key = issue.path[0] === 'allowedHosts' ? 'allowedHosts' : issue.path.map(String).join('.') || 'name';
      if (host !== undefined && !errors.has(key)) errors.set(key, sentence(`"${host}" ${issue.message}`));
      if (!errors.has(key)) errors.set(key, sentence(issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message));
    }
  }
  // A new credential, or one that changes type (the saved secret was for the old type), needs a secret.
  if (values.secret === '' && (saved === undefined || saved.type !== values.type)) {
    errors.set('secret', `Enter the ${secretFieldOf[values.type].label.toLowerCase()}${saved ? ' for the new type' : ''}.`);
  }
  const result: CheckedForm = { errors };
  if (parsed.success && errors.size === 0) {
    result.definition = parsed.data;
    if (values.secret !== '') result.secret = values.secret;
  }
  return result;
}

/** The hosts typed into the allowed-hosts input: split on lines, commas and spaces, blanks dropped. */
export function hostsOf(text: string): string[] {
  return text.split(/[\s,]+/).map((host) => host.trim()).filter((host) => host !== '');
}

/**
 * The warning an HTTP credential without allowed hosts gets (it may be sent anywhere), or undefined.
 * PostgreSQL logins go to their own host field only.
 */
export function anyHostWarning(values: CredentialFormValues): string | undefined {
  if (values.type === 'postgres' || hostsOf(values.allowedHosts).length > 0) return undefined;
  return 'No allowed hosts: this credential may be sent to any host a flow or a test names. List the API\'s host so that its secret can go nowhere else.';
}

/**
 * The host of an http.request URL, for proposing it as an allowed host: `https://erp.example/orders/{{ id }}`
 * → `erp.example`. Undefined when the host itself is a template or the URL does not parse.
 */
export function proposedHostOf(url: string | undefined): string | undefined {
  const authority = /^https?:\/\/([^/?#]*)/i.exec(url?.trim() ?? '')?.[1];
  if (authority === undefined || authority === '' || authority.includes('{{')) return undefined;
  try {
    return new URL(`http://${authority}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The host to propose as a credential's allowed host, from the flow open in the designer: that of an
 * http.request node using the credential, else that of the selected http.request node (the one that
 * asked for a new credential).
 */
export function proposedHostFor(doc: FlowDocument | undefined, selection: ReadonlySet<string>, credential: string | undefined): string | undefined {
  const requests = (doc?.nodes ?? []).filter((node) => node.type === 'http.request');
  const urlOf = (config: unknown): string | undefined => {
    const url = (config as { url?: unknown } | undefined)?.url;
    return typeof url === 'string' ? url : undefined;
  };
  const using = requests.find((node) => credential !== undefined && (node.config as { credential?: unknown } | undefined)?.credential === credential);
  const selected = requests.find((node) => selection.has(node.id));
  return proposedHostOf(urlOf((using ?? selected)?.config));
}

/** The service's problems (`credential.fields.tokenUrl`, `secret`) keyed like the form's own errors. */
export function errorsFromProblems(problems: readonly Problem[] | undefined): Map<string, string> {
  const errors = new Map<string, string>();
  for (const problem of problems ?? []) {
    const key = (problem.path ?? '').replace(/^credential\./, '').replace(/^allowedHosts\b.*$/, 'allowedHosts');
    if (key !== '' && !errors.has(key)) errors.set(key, sentence(problem.message));
  }
  return errors;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}
