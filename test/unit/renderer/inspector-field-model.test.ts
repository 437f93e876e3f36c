import { describe, expect, it } from 'vitest';
import { getNodeKind, type NodeKind } from '../../../shared/catalog/index.js';
import { fieldErrors, formOf, labelOf } from '../../../renderer/src/inspector/field-model.js';
import { freshKey, moveItem, numberValue, renameKey, setIn, textValue } from '../../../renderer/src/inspector/config-edit.js';

const kind = (type: string): NodeKind => {
  const found = getNodeKind(type);
  if (!found) throw new Error(`no kind ${type}`);
  return found;
};

describe('inspector form built from a kind\'s config schema', () => {
  it('gives the HTTP request strings, integers with bounds, enums and a header record, in schema order', () => {
    const fields = formOf(kind('http.request'));
    expect(fields.map((field) => [field.key, field.type])).toEqual([
      ['method', 'string'], ['url', 'string'], ['headers', 'record'], ['body', 'string'],
      ['timeoutMs', 'number'], ['credential', 'string'], ['concurrency', 'number'], ['output', 'enum'],
      // A union of objects has no widget of its own: the inspector edits it as JSON text.
      ['pagination', 'json'],
    ]);
    const byKey = new Map(fields.map((field) => [field.key, field]));
    expect(byKey.get('timeoutMs')).toMatchObject({ label: 'Timeout (ms)', integer: true, minimum: 1, maximum: 600_000, defaultValue: 30_000, required: false });
    expect(byKey.get('url')).toMatchObject({ label: 'URL', required: true, jsonata: 'template' });
    expect(byKey.get('body')).toMatchObject({ jsonata: 'expression', required: false });
    expect(byKey.get('headers')).toMatchObject({ type: 'record', valueJsonata: 'template' });
    expect(byKey.get('output')).toMatchObject({ type: 'enum', options: ['body', 'response'] });
  });

  it('gives the switch a list of rules whose conditions are JSONata expressions', () => {
    const [rules] = formOf(kind('transform.switch'));
    expect(rules).toMatchObject({ type: 'list', label: 'Rules', itemLabel: 'Rule', minItems: 1 });
    if (rules?.type !== 'list') throw new Error('not a list');
    expect(rules.itemFields.map((field) => [field.key, field.type === 'string' ? field.jsonata : undefined])).toEqual([['port', undefined], ['condition', 'expression']]);
  });

  it('marks the optional log expression as JSONata although the default config has none', () => {
    expect(formOf(kind('output.log'))).toMatchObject([{ key: 'level', type: 'enum' }, { key: 'expression', jsonata: 'expression' }]);
  });

  it('labels camelCase keys in plain words', () => {
    expect(labelOf('maxBackoffMs')).toBe('Max backoff (ms)');
    expect(labelOf('condition')).toBe('Condition');
  });
});

describe('inspector inline errors', () => {
  it('explains each invalid field next to it, keyed by its path', () => {
    const errors = fieldErrors(kind('http.request'), { url: '', timeoutMs: 0, headers: { Accept: 3 }, concurrency: 1.5 });
    expect(errors.get('url')).toBe('a URL is required');
    expect(errors.get('timeoutMs')).toBe('must be at least 1');
    expect(errors.get('headers.Accept')).toMatch(/must be a string/);
    expect(errors.get('concurrency')).toBeDefined();
  });

  it('points a duplicate switch port at the rule that repeats it', () => {
    const errors = fieldErrors(kind('transform.switch'), { rules: [{ port: 'a', condition: 'x' }, { port: 'a', condition: '' }] });
    expect(errors.get('rules.1.port')).toBe('port "a" is used by two rules');
    expect(errors.get('rules.1.condition')).toBe('a condition is required');
  });

  it('has no errors for a valid config', () => {
    expect(fieldErrors(kind('transform.map'), { expression: 'a.b' }).size).toBe(0);
  });
});

describe('config edits from the form', () => {
  it('sets a nested value without touching the original and removes a key set to undefined', () => {
    const config = { rules: [{ port: 'a', condition: 'x' }], keep: 1 };
    expect(setIn(config, ['rules', 0, 'condition'], 'y')).toEqual({ rules: [{ port: 'a', condition: 'y' }], keep: 1 });
    expect(config.rules[0]?.condition).toBe('x');
    expect(setIn(config, ['keep'], undefined)).toEqual({ rules: config.rules });
  });

  it('renames a header in place and refuses a name already used', () => {
    expect(Object.keys(renameKey({ a: '1', b: '2', c: '3' }, 'b', 'x') ?? {})).toEqual(['a', 'x', 'c']);
    expect(renameKey({ a: '1', b: '2' }, 'a', 'b')).toBeUndefined();
    expect(freshKey({ name: '', 'name-2': '' }, 'name')).toBe('name-3');
  });

  it('moves rules up and down and ignores moves past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('clears an optional field when emptied but keeps a required one so its error shows', () => {
    expect(textValue('', false)).toBeUndefined();
    expect(textValue('', true)).toBe('');
    expect(numberValue('', false)).toBeUndefined();
    expect(numberValue('12', false)).toBe(12);
    expect(numberValue('1e', true)).toBe('1e');
  });
});
