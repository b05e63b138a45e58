import { createHash } from 'node:crypto';
import { ErrorCode } from '@app/common';
import { parseBody } from './body.parser';

/** Real multipart bytes, exactly as fetch (undici) would send them. */
async function encode(form: FormData): Promise<{ type: string; raw: Buffer }> {
  const response = new Response(form);
  return { type: response.headers.get('content-type')!, raw: Buffer.from(await response.arrayBuffer()) };
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const PDF = Buffer.from('%PDF-1.4\n\u0000\u00ff binary \r\n--not-a-boundary\n', 'latin1');

describe('multipart bodies', () => {
  it('reads an upload with two fields and a file', async () => {
    const form = new FormData();
    form.append('name', 'Ada Lovelace');
    form.append('note', 'Première ligne\r\nsecond line');
    form.append('cv', new Blob([PDF], { type: 'application/pdf' }), 'cv ✓.pdf');
    const { type, raw } = await encode(form);

    const parsed = await parseBody('POST', type, raw, {});

    expect(parsed.body).toEqual({
      name: 'Ada Lovelace',
      note: 'Première ligne\r\nsecond line',
      cv: { filename: 'cv ✓.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
    });
    expect(parsed.rawBody).toContain('Première ligne');
    expect(parsed.rawBody).not.toContain('\u0000');
  });

  it('keeps file bytes only when asked', async () => {
    const form = new FormData();
    form.append('doc', new Blob([PDF]), 'a.bin');
    const { type, raw } = await encode(form);

    const kept = (await parseBody('POST', type, raw, {}, { keepFiles: true })).body as { doc: { contentBase64: string } };

    expect(Buffer.from(kept.doc.contentBase64, 'base64')).toEqual(PDF);
    expect((await parseBody('POST', type, raw, {})).body).toEqual({
      doc: { filename: 'a.bin', contentType: 'application/octet-stream', size: PDF.length, sha256: sha256(PDF) },
    });
  });

  it('nests field names like a urlencoded form and gathers files sharing a name', async () => {
    const form = new FormData();
    form.append('contact[first]', 'Ada');
    form.append('contact[last]', 'Lovelace');
    form.append('tags[]', 'x');
    form.append('tags[]', 'y');
    form.append('color', 'red');
    form.append('color', 'blue');
    form.append('photos', new Blob(['one'], { type: 'image/png' }), '1.png');
    form.append('photos', new Blob(['two'], { type: 'image/png' }), '2.png');
    form.append('__proto__[polluted]', 'yes');
    form.append('constructor[prototype][polluted]', 'yes');
    const { type, raw } = await encode(form);

    expect((await parseBody('POST', type, raw, {})).body).toEqual({
      contact: { first: 'Ada', last: 'Lovelace' },
      tags: ['x', 'y'],
      color: ['red', 'blue'],
      photos: [
        { filename: '1.png', contentType: 'image/png', size: 3, sha256: sha256('one') },
        { filename: '2.png', contentType: 'image/png', size: 3, sha256: sha256('two') },
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a hand-written body and replaces NULs in field values', async () => {
    const raw = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\u0000y\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="empty"; filename=""\r\n' +
        'Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n',
    );
    expect((await parseBody('POST', 'multipart/form-data; boundary=XyZ', raw, {})).body).toEqual({
      a: 'x\uFFFDy',
      // What a browser sends for a file input left empty (busboy reports the empty filename as absent).
      empty: { filename: null, contentType: 'application/octet-stream', size: 0, sha256: sha256('') },
    });
  });

  it('rejects a field in a charset busboy cannot decode rather than losing it', async () => {
    const raw = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n'),
      Buffer.from('Content-Type: text/plain; charset=shift_jis\r\n\r\n'),
      Buffer.from([0x82, 0xa0]),
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    await expect(parseBody('POST', 'multipart/form-data; boundary=XyZ', raw, {})).rejects.toMatchObject({
      code: ErrorCode.MalformedBody,
      detail: expect.stringContaining('field "a" declares a charset hookflow cannot decode'),
    });
  });

  it('rejects a body without a boundary or cut short', async () => {
    const form = new FormData();
    form.append('a', '1');
    const { type, raw } = await encode(form);
    const malformed = {
      code: ErrorCode.MalformedBody,
      detail: expect.stringMatching(/^The body is not valid multipart\/form-data: /),
    };

    await expect(parseBody('POST', 'multipart/form-data', raw, {})).rejects.toMatchObject(malformed);
    await expect(parseBody('POST', type, raw.subarray(0, raw.length - 10), {})).rejects.toMatchObject(malformed);
    await expect(parseBody('POST', type, Buffer.from('just text'), {})).rejects.toMatchObject(malformed);
  });

  it('refuses more files than the limit', async () => {
    const form = new FormData();
    for (let i = 0; i <= 100; i++) form.append('f', new Blob(['x']), `${i}.txt`);
    const { type, raw } = await encode(form);
    await expect(parseBody('POST', type, raw, {})).rejects.toMatchObject({ code: ErrorCode.PayloadTooLarge });
  });
});
