// The credential form's allowed hosts (DESIGN.md §6): typed one per line, checked with the service's
// schema, a warning when there are none, and the host of the flow's http.request node proposed.
import { describe, expect, it } from 'vitest';
import {
  anyHostWarning, checkForm, emptyForm, errorsFromProblems, formOf, proposedHostFor, proposedHostOf,
} from '../../../renderer/src/credentials/credential-form-model.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';

const bearer = { ...emptyForm('bearer'), name: 'erp', secret: 's' };

describe('allowed hosts in the credential form', () => {
  it('puts the hosts typed one per line (or comma-separated) into the definition, lower-cased', () => {
    expect(checkForm({ ...bearer, allowedHosts: 'API.example.com\n*.corp.example, 10.1.2.3\n' }).definition)
      .toEqual({ name: 'erp', type: 'bearer', fields: {}, allowedHosts: ['api.example.com', '*.corp.example', '10.1.2.3'] });
    expect(checkForm({ ...bearer, allowedHosts: '  ' }).definition).toEqual({ name: 'erp', type: 'bearer', fields: {} });
  });

  it('names a host that is not one, on the allowed-hosts input', () => {
    const { definition, errors } = checkForm({ ...bearer, allowedHosts: 'api.example.com\nhttps://erp.example/api' });
    expect(definition).toBeUndefined();
    expect(errors.get('allowedHosts')).toMatch(/^"https:\/\/erp\.example\/api" must be a host name/);
    expect(errorsFromProblems([{ code: 'INVALID_PARAMS', message: 'must be a host name', path: 'credential.allowedHosts[1]' }]).get('allowedHosts')).toBe('Must be a host name.');
  });

  it('warns about an HTTP credential that may go to any host, not about a database login', () => {
    expect(anyHostWarning(bearer)).toMatch(/may be sent to any host/);
    expect(anyHostWarning({ ...bearer, allowedHosts: 'api.example.com' })).toBeUndefined();
    expect(anyHostWarning({ ...emptyForm('postgres') })).toBeUndefined();
  });

  it('shows the saved hosts when editing', () => {
    expect(formOf({ name: 'erp', type: 'bearer', fields: {}, allowedHosts: ['a.example', 'b.example'], hasSecret: true, store: 'keychain' }).allowedHosts).toBe('a.example\nb.example');
  });

  it('proposes the host of an http.request URL, unless the host itself is a template', () => {
    expect(proposedHostOf('https://erp.example/orders/{{ id }}')).toBe('erp.example');
    expect(proposedHostOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(proposedHostOf('https://{{ host }}/x')).toBeUndefined();
    expect(proposedHostOf('https://api.{{ region }}.example/x')).toBeUndefined();
    expect(proposedHostOf('{{ url }}')).toBeUndefined();
  });

  it('proposes the host of the node using the credential, else of the selected http.request node', () => {
    const doc = {
      format: 'pipewright/flow@1', id: 'f', name: 'F', edges: [],
      nodes: [
        { id: 'a', type: 'http.request', position: [0, 0], config: { url: 'https://shop.example/orders', credential: 'shop' } },
        { id: 'b', type: 'http.request', position: [0, 0], config: { url: 'https://erp.example/api' } },
      ],
    } as unknown as FlowDocument;
    expect(proposedHostFor(doc, new Set(), 'shop')).toBe('shop.example');
    expect(proposedHostFor(doc, new Set(['b']), undefined)).toBe('erp.example');
    expect(proposedHostFor(doc, new Set(), undefined)).toBeUndefined();
    expect(proposedHostFor(undefined, new Set(), 'shop')).toBeUndefined();
  });
});
