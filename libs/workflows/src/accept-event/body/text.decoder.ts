import { TextDecoder } from 'node:util';
import { unknownCharset } from './malformed-body.error';
import { storableText } from './storable-text.sanitizer';
import { windows1252Decoder } from './windows-1252.decoder';

type Decoder = Pick<TextDecoder, 'decode'>;

const decoders = new Map<string, Decoder>();

/** A cached decoder for a charset label (WHATWG labels: Node has full ICU). Unknown labels are the sender's error. */
export function textDecoder(label: string): Decoder {
  const key = label.trim().toLowerCase();
  let decoder = decoders.get(key);
  if (!decoder) {
    try {
      const native = new TextDecoder(key);
      decoder = native.encoding === 'windows-1252' ? windows1252Decoder() : native;
    } catch {
      throw unknownCharset(label);
    }
    decoders.set(key, decoder);
  }
  return decoder;
}

/** WHATWG "decode": a byte order mark wins over the declared charset (and is dropped from the text). */
function sniffBom(raw: Buffer): string | undefined {
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return 'utf-8';
  if (raw[0] === 0xfe && raw[1] === 0xff) return 'utf-16be';
  if (raw[0] === 0xff && raw[1] === 0xfe) return 'utf-16le';
  return undefined;
}

const XML_DECLARATION = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/;

/** An XML document may name its encoding in its declaration instead of the Content-Type (RFC 7303 §3.2). */
export function xmlDeclaredEncoding(raw: Buffer): string | undefined {
  return XML_DECLARATION.exec(raw.toString('latin1', 0, Math.min(raw.length, 256)))?.[1];
}

/** The body as text: BOM, else the declared charset, else UTF-8; NULs replaced so the store can hold it. */
export function decodeText(raw: Buffer, charset: string | undefined): string {
  return storableText(textDecoder(sniffBom(raw) ?? charset ?? 'utf-8').decode(raw));
}
