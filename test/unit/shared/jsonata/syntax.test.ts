import { describe, expect, it } from 'vitest';
import { checkJsonata, checkTemplate } from '../../../../shared/jsonata/syntax.js';

describe('checkJsonata', () => {
  it('accepts a valid expression', () => {
    expect(checkJsonata('{ "orderNo": id, "total": $sum(lines.(qty*price)) }')).toBeUndefined();
  });

  it('marks the offending token with its JSONata code', () => {
    expect(checkJsonata('a..b')).toEqual({ code: 'S0201', message: 'Syntax error: ".."', range: { start: 1, end: 3 } });
    expect(checkJsonata('a.b.c ]')?.range).toEqual({ start: 6, end: 7 });
  });

  it('marks the end of the expression when it stops too early', () => {
    expect(checkJsonata('total >=')).toMatchObject({ code: 'S0207', range: { start: 8, end: 8 } });
    expect(checkJsonata('$sum(lines')).toMatchObject({ code: 'S0203', range: { start: 10, end: 10 } });
  });

  it('marks a whole string literal, quotes included, when a string is the unexpected token', () => {
    expect(checkJsonata('"abc" "def"')?.range).toEqual({ start: 6, end: 11 });
  });

  it('keeps ranges inside the expression even without a position', () => {
    const error = checkJsonata('%');
    expect(error?.code).toBe('S0217');
    expect(error?.range).toEqual({ start: 0, end: 1 });
  });

  it('reports an empty expression', () => {
    expect(checkJsonata('')).toMatchObject({ code: 'S0207', range: { start: 0, end: 0 } });
  });
});

describe('checkTemplate', () => {
  it('accepts plain text and valid parts', () => {
    expect(checkTemplate('https://erp.example/orders')).toEqual([]);
    expect(checkTemplate('https://erp.example/orders/{{ orderNo }}?page={{ $meta.page }}')).toEqual([]);
  });

  it('gives the range of a broken part inside the whole template', () => {
    const template = 'https://erp.example/orders/{{ id + }}/lines';
    const [error] = checkTemplate(template);
    // The part starts after "{{" at offset 29; "Unexpected end" points just past " id + ".
    expect(error?.code).toBe('S0207');
    expect(error?.range).toEqual({ start: 35, end: 35 });
    expect(template.slice(29, 35)).toBe(' id + ');
  });

  it('reports every broken part of one template', () => {
    const errors = checkTemplate('{{ a..b }}/{{ c ] }}');
    expect(errors.map((error) => error.range)).toEqual([
      { start: 4, end: 6 },
      { start: 16, end: 17 },
    ]);
  });

  it('reports an unclosed "{{" from the braces to the end', () => {
    expect(checkTemplate('https://x/{{ id')).toEqual([
      { code: 'TEMPLATE', message: 'Unclosed "{{" in template: add the matching "}}".', range: { start: 10, end: 15 } },
    ]);
  });

  it('reports an empty "{{ }}" and still checks the parts before it', () => {
    const errors = checkTemplate('{{ a..b }}{{ }}');
    expect(errors.map((error) => error.code)).toEqual(['S0201', 'TEMPLATE']);
    expect(errors[1]?.range).toEqual({ start: 10, end: 15 });
  });
});
