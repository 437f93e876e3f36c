// The RFC 8288 `Link` header, as http.request's link pagination reads it: a comma-separated list of
// `<uri-reference>; param=value; param="quoted, value"` entries, possibly spread over several header
// lines. Commas and semicolons inside `<…>` or a quoted string do not split, `rel` holds one or more
// space-separated relation types compared case-insensitively, and a relative target is resolved
// against the request URL (the link's default context). A malformed entry is skipped, not fatal:
// one odd link must not hide the `next` one beside it.

export interface WebLink {
  /** The target, resolved against the base URL. */
  url: URL;
  /** Relation types, lower-cased (`rel="next last"` → ['next', 'last']). */
  rels: string[];
  /** Every parameter by lower-cased name; the first occurrence wins, as RFC 8288 §3 says for rel. */
  params: Record<string, string>;
}

/** All links of one or more `Link` header values, in order. */
export function parseLinkHeader(value: string | string[] | undefined, base: URL): WebLink[] {
  if (value === undefined) return [];
  const links: WebLink[] = [];
  for (const line of Array.isArray(value) ? value : [value]) {
    const scanner = new Scanner(line);
    while (!scanner.done()) {
      const link = readLink(scanner, base);
      if (link) links.push(link);
      scanner.skipPast(',');
    }
  }
  return links;
}

/** The target of the first link whose relation types include `rel` (e.g. 'next'). */
export function findLink(value: string | string[] | undefined, base: URL, rel: string): URL | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(value, base).find((link) => link.rels.includes(wanted))?.url;
}

function readLink(scanner: Scanner, base: URL): WebLink | undefined {
  scanner.skipSpace();
  if (!scanner.eat('<')) return undefined;
  const target = scanner.until('>');
  if (!scanner.eat('>')) return undefined;
  const params: Record<string, string> = {};
  for (;;) {
    scanner.skipSpace();
    if (!scanner.eat(';')) break;
    scanner.skipSpace();
    const name = scanner.token().toLowerCase();
    if (name === '') break;
    scanner.skipSpace();
    let paramValue = '';
    if (scanner.eat('=')) {
      scanner.skipSpace();
      paramValue = scanner.peek() === '"' ? scanner.quoted() : scanner.token();
    }
    if (!(name in params)) params[name] = paramValue;
  }
  let url: URL;
  try {
    url = new URL(target.trim(), base);
  } catch {
    return undefined;
  }
  const rels = (params.rel ?? '').split(/\s+/).filter(Boolean).map((r) => r.toLowerCase());
  return { url, rels, params };
}

/** A cursor over one header value that knows RFC 9110's token and quoted-string. */
class Scanner {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.at];
  }

  eat(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at += 1;
    return true;
  }

  skipSpace(): void {
    while (this.text[this.at] === ' ' || this.text[this.at] === '\t') this.at += 1;
  }

  until(char: string): string {
    const end = this.text.indexOf(char, this.at);
    const stop = end === -1 ? this.text.length : end;
    const part = this.text.slice(this.at, stop);
    this.at = stop;
    return part;
  }

  /** Characters up to whitespace or a delimiter of the Link grammar. */
  token(): string {
    const start = this.at;
    while (!this.done() && !/[\s;,="<>]/.test(this.text[this.at] as string)) this.at += 1;
    return this.text.slice(start, this.at);
  }

  /** A quoted string with backslash escapes; an unterminated one runs to the end. */
  quoted(): string {
    this.at += 1;
    let value = '';
    while (!this.done()) {
      const char = this.text[this.at] as string;
      this.at += 1;
      if (char === '"') return value;
      if (char === '\\' && !this.done()) {
        value += this.text[this.at] as string;
        this.at += 1;
      } else value += char;
    }
    return value;
  }

  /** Moves past the next `char` outside `<…>` and quoted strings (the end of this entry). */
  skipPast(char: string): void {
    while (!this.done()) {
      const current = this.text[this.at];
      if (current === '"') this.quoted();
      else if (current === '<') this.until('>');
      else {
        this.at += 1;
        if (current === char) return;
      }
    }
  }
}
