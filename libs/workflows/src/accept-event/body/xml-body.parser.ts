import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedBody } from './malformed-body.error';

/**
 * Shaped like Python's xmltodict: attributes as `@name`, text beside attributes or children as `#text`,
 * repeated elements as arrays, every value a string (no number/boolean guessing, as Zapier does).
 * Namespace prefixes are kept (`soap:Envelope`); comments, the declaration and processing instructions
 * are dropped; CDATA joins the text.
 *
 * Entities: the five XML ones and character references are decoded. DOCTYPE entities whose value refers
 * to another entity are ignored by the library (so "billion laughs" stays the literal `&lol9;`), external
 * (SYSTEM) entities are refused, and the limits below bound what plain DOCTYPE entities can expand to.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: {
    enabled: true,
    maxEntityCount: 100,
    maxEntitySize: 10_000,
    maxTotalExpansions: 1_000,
    maxExpandedLength: 100_000,
  },
});

/** `text` is already decoded and NUL-free (the library drops `&#0;` itself); an empty body is `null`. */
export function parseXmlBody(text: string): unknown {
  if (text.trim() === '') return null;
  // The parser alone is lenient about unclosed or mismatched tags.
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw malformedBody('XML', `line ${line}, column ${col}: ${msg}`);
  }
  try {
    return parser.parse(text);
  } catch (e) {
    throw malformedBody('XML', (e as Error).message);
  }
}
