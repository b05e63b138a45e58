export interface ContentType {
  /** The media type, lower-cased, without parameters; '' when the header is missing. */
  mime: string;
  /** The charset parameter as sent (quotes removed), if any. */
  charset?: string;
}

// RFC 9110 parameters: `; name=token` or `; name="quoted string"`.
const PARAM = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/g;

export function parseContentType(header: string | undefined): ContentType {
  if (!header) return { mime: '' };
  const semi = header.indexOf(';');
  const mime = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  if (semi === -1) return { mime };
  for (const [, name, quoted, token] of header.slice(semi).matchAll(PARAM)) {
    if (name.toLowerCase() === 'charset') return { mime, charset: quoted?.replace(/\\(.)/g, '$1') ?? token };
  }
  return { mime };
}
