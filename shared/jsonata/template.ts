// Templates are text with embedded JSONata in `{{ … }}`, as used by http.request's URL, method and
// headers: `https://erp.example/orders/{{ orderNo }}`. Splitting happens here, in shared/, so the
// validator reports an error's range inside the whole template and the engine evaluates the same parts.

export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `offset` is where `expression` starts inside the template text. */
  | { kind: 'expression'; expression: string; offset: number };

export interface TemplateSyntaxError {
  message: string;
  start: number;
  end: number;
}

export function parseTemplate(template: string): { parts: TemplatePart[]; error?: TemplateSyntaxError } {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf('{{', cursor);
    if (open === -1) {
      parts.push({ kind: 'text', text: template.slice(cursor) });
      break;
    }
    if (open > cursor) parts.push({ kind: 'text', text: template.slice(cursor, open) });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) {
      return { parts, error: { message: 'Unclosed "{{" in template: add the matching "}}".', start: open, end: template.length } };
    }
    const expression = template.slice(open + 2, close);
    if (expression.trim() === '') {
      return { parts, error: { message: 'Empty "{{ }}" in template: put a JSONata expression inside.', start: open, end: close + 2 } };
    }
    parts.push({ kind: 'expression', expression, offset: open + 2 });
    cursor = close + 2;
  }
  return { parts };
}

export function isTemplate(text: string): boolean {
  return text.includes('{{');
}
