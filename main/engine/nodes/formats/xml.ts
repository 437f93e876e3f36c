// XML ↔ objects with fast-xml-parser. Both directions use one convention, so a parsed document written
// back and parsed again comes out equal: attributes are keys prefixed `@_`, an element's own text next
// to attributes or children is `#text`, repeated elements are arrays. Mixed content keeps its text but
// not its order (the text parts are joined under `#text`), a limit of the object form.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { XML_ATTRIBUTE_PREFIX, XML_TEXT_KEY } from '../../../../shared/catalog/kinds/transform-parse.js';
import { formatPath } from '../../../../shared/errors.js';
import { describe, invalidText, unsupportedData } from './errors.js';

export interface XmlParseOptions {
  dynamicTyping: boolean;
}

export interface XmlSerializeOptions {
  root: string;
  declaration: boolean;
  pretty: boolean;
}

const shared = { ignoreAttributes: false, attributeNamePrefix: XML_ATTRIBUTE_PREFIX, textNodeName: XML_TEXT_KEY } as const;

const parsers = {
  strings: new XMLParser({ ...shared, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true, ignorePiTags: true }),
  // Typed values: decimal numbers and true/false only; `007` and `0x1F` stay strings (codes, not numbers).
  typed: new XMLParser({
    ...shared, parseTagValue: true, parseAttributeValue: true, ignoreDeclaration: true, ignorePiTags: true, numberParseOptions: { hex: false, leadingZeros: false, eNotation: true },
  }),
};

/** An element or attribute name (letters of any script, digits, `_`, `-`, `.`, `:` for a namespace prefix). */
const XML_NAME = /^[\p{L}_][\p{L}\p{N}_.:-]*$/u;

export function parseXml(text: string, options: XmlParseOptions): unknown {
  if (text.trim() === '') throw invalidText('XML', 'the text is empty');
  // The validator finds what is malformed and where; the parser alone would accept some of it.
  const checked = XMLValidator.validate(text);
  if (checked !== true) {
    const { line, col, msg } = checked.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    throw invalidText('XML', `${where}: ${msg}`);
  }
  try {
    return (options.dynamicTyping ? parsers.typed : parsers.strings).parse(text) as unknown;
  } catch (error) {
    // Entity limits and the like: the validator does not check those.
    throw invalidText('XML', (error as Error).message);
  }
}

/**
 * The data inside a `root` element. An array at the top becomes `<item>` children of the root; an
 * array inside an array has no XML form, nor has a key that is not an XML name.
 */
export function serializeXml(data: unknown, options: XmlSerializeOptions): string {
  if (data === undefined) throw unsupportedData('XML is written from data, but there is nothing (from yielded no value)');
  checkNames(data, []);
  const builder = new XMLBuilder({ ...shared, format: options.pretty, indentBy: '  ', suppressEmptyNode: true, suppressBooleanAttributes: false });
  const body = builder.build({ [options.root]: Array.isArray(data) ? { item: data } : data }) as string;
  const declaration = options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>${options.pretty ? '\n' : ''}` : '';
  return `${declaration}${body}`;
}

function checkNames(value: unknown, path: Array<string | number>): void {
  if (Array.isArray(value)) {
    value.forEach((element, index) => {
      if (Array.isArray(element)) throw unsupportedData(`XML has no form for an array inside an array (at ${formatPath([...path, index]) || 'the top'})`);
      checkNames(element, [...path, index]);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    const at = [...path, key];
    if (key === XML_TEXT_KEY || key.startsWith(XML_ATTRIBUTE_PREFIX)) {
      if (typeof inner === 'object' && inner !== null) {
        throw unsupportedData(`${formatPath(at)} is ${describe(inner)}, but an attribute or element text must be a string, number, boolean or null`);
      }
      const name = key.slice(XML_ATTRIBUTE_PREFIX.length);
      if (key !== XML_TEXT_KEY && !XML_NAME.test(name)) throw unsupportedData(`the key ${JSON.stringify(key)} at ${formatPath(path) || 'the top'} is not a valid XML attribute name`);
      continue;
    }
    if (!XML_NAME.test(key)) {
      throw unsupportedData(`the key ${JSON.stringify(key)} at ${formatPath(path) || 'the top'} is not a valid XML element name (letters, digits, "_", "-", ".", ":"; not starting with a digit); rename it first, e.g. with transform.map`);
    }
    checkNames(inner, at);
  }
}
