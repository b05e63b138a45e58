import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { AppError } from '@app/common';
import { FORM_LIMITS, nestFields } from './form-body.parser';
import { malformedBody, tooManyParts } from './malformed-body.error';
import { storableText } from './storable-text.sanitizer';

export interface UploadedFile {
  /** null when the part had no (or an empty) filename: application/octet-stream parts are files too. */
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  /** Only with `keepFiles`: the bytes would otherwise bloat every stored event. */
  contentBase64?: string;
}

/** Counts only: sizes are already bounded by the payload limit, so values and files are never truncated. */
const MAX_FILES = 100;
const FORMAT = 'multipart/form-data';

/**
 * Fields and files become one object, nested by name with the urlencoded rules. Field values are decoded
 * by their part's charset, else UTF-8 (RFC 7578); filenames as UTF-8, as browsers send them.
 */
export function parseMultipartBody(
  raw: Buffer,
  contentType: string,
  keepFiles: boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const pairs: [string, unknown][] = [];
    const fail = (e: unknown) => reject(e instanceof AppError ? e : malformedBody(FORMAT, (e as Error).message));
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defCharset: 'utf8',
        defParamCharset: 'utf8',
        limits: { fields: FORM_LIMITS.fields, files: MAX_FILES, fieldSize: Infinity, fileSize: Infinity },
      });
    } catch (e) {
      return fail(e); // no boundary in the Content-Type
    }
    parser.on('field', (name, value: string | undefined) => {
      // busboy 1.6 decodes a part's own charset only if it is UTF-8, latin1 or UTF-16LE, else gives undefined.
      if (value === undefined) {
        return fail(malformedBody(FORMAT, `field "${name}" declares a charset hookflow cannot decode; send it as UTF-8`));
      }
      if (name !== undefined) pairs.push([storableText(name), storableText(value)]);
    });
    parser.on('file', (name, stream, info) => {
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        if (keepFiles) chunks.push(chunk);
      });
      stream.on('error', fail);
      stream.on('end', () => {
        if (name === undefined) return;
        const file: UploadedFile = {
          filename: info.filename === undefined ? null : storableText(info.filename),
          contentType: storableText(info.mimeType),
          size,
          sha256: hash.digest('hex'),
        };
        if (keepFiles) file.contentBase64 = Buffer.concat(chunks, size).toString('base64');
        pairs.push([storableText(name), file]);
      });
    });
    parser.on('fieldsLimit', () => reject(tooManyParts('form fields', FORM_LIMITS.fields)));
    parser.on('filesLimit', () => reject(tooManyParts('files', MAX_FILES)));
    parser.on('error', fail);
    // busboy closes only after every file stream has ended, so all pairs are in.
    parser.on('close', () => resolve(nestFields(pairs)));
    parser.end(raw);
  });
}
