import { describe, expect, it } from 'vitest';
import { checkForm, emptyForm, errorsFromProblems, formOf, withType } from '../../../renderer/src/credentials/credential-form-model.js';
import type { CredentialSummary } from '../../../shared/credentials/definition.js';

const saved: CredentialSummary = { name: 'shop', type: 'basic', fields: { username: 'ada' }, hasSecret: true, store: 'encrypted-file' };

describe('the credential form', () => {
  it('turns the fields of a type into a definition, leaving empty optional fields out', () => {
    const values = { ...withType({ ...emptyForm(), name: ' erp ' }, 'oauth2ClientCredentials'), secret: 's' };
    values.fields = { tokenUrl: 'https://auth.example/token', clientId: 'cid', scope: '', clientAuth: '' };
    expect(checkForm(values)).toEqual({ definition: { name: 'erp', type: 'oauth2ClientCredentials', fields: { tokenUrl: 'https://auth.example/token', clientId: 'cid' } }, secret: 's', errors: new Map() });
  });

  it('names every wrong field and asks for the secret of a new credential', () => {
    const values = { ...withType(emptyForm(), 'oauth2ClientCredentials'), name: 'bad name', fields: { tokenUrl: 'ftp://x', clientId: '' } };
    const { definition, errors } = checkForm(values);
    expect(definition).toBeUndefined();
    expect([...errors.keys()].sort()).toEqual(['fields.clientId', 'fields.tokenUrl', 'name', 'secret']);
    expect(errors.get('secret')).toBe('Enter the client secret.');
    expect(errors.get('fields.clientId')).toBe('Client ID is required.');
    expect(errors.get('fields.tokenUrl')).toBe('Must be an http:// or https:// URL.');
  });

  it('edits a saved credential with an empty secret (the saved one is kept) unless the type changes', () => {
    const edit = formOf(saved);
    expect(edit.secret).toBe('');
    expect(checkForm(edit, saved)).toMatchObject({ definition: { name: 'shop', type: 'basic', fields: { username: 'ada' } }, errors: new Map() });
    expect(checkForm(edit, saved).secret).toBeUndefined();
    expect(checkForm(withType(edit, 'bearer'), saved).errors.get('secret')).toBe('Enter the token for the new type.');
  });

  it('keys the service\'s problems like its own fields', () => {
    expect(errorsFromProblems([{ code: 'INVALID_PARAMS', message: 'must be an http:// or https:// URL', path: 'credential.fields.tokenUrl' }, { code: 'SECRET_REQUIRED', message: 'enter the token', path: 'secret' }]))
      .toEqual(new Map([['fields.tokenUrl', 'Must be an http:// or https:// URL.'], ['secret', 'Enter the token.']]));
  });
});
