import { ErrorCode } from '@app/common';
import { parseBody } from './body.parser';

const post = (type: string | undefined, raw: Buffer | string) =>
  parseBody('POST', type, typeof raw === 'string' ? Buffer.from(raw) : raw, {});

describe('parseBody', () => {
  it('uses the query as the body of a GET, with NULs replaced and the query untouched', async () => {
    const query = { a: '1', list: ['x', 'y\u0000'] };
    await expect(parseBody('GET', undefined, Buffer.from('ignored'), query)).resolves.toEqual({
      body: { a: '1', list: ['x', 'y\uFFFD'] },
      rawBody: '',
    });
    expect(query.list[1]).toBe('y\u0000');
  });

  it('keeps text, unknown types and bodies without a content type as text', async () => {
    await expect(post('text/plain', 'hello')).resolves.toEqual({ body: 'hello', rawBody: 'hello' });
    expect((await post('text/csv', 'a,b\n1,2')).body).toBe('a,b\n1,2');
    expect((await post(undefined, 'ping')).body).toBe('ping');
    expect((await post('application/octet-stream', Buffer.from([0x00, 0x41]))).body).toBe('\uFFFDA');
  });

  describe('charsets', () => {
    it('decodes latin1 and shift_jis text', async () => {
      expect((await post('text/plain; charset=ISO-8859-1', Buffer.from([0x63, 0x61, 0x66, 0xe9]))).body).toBe('café');
      // windows-1252 is what the WHATWG "latin1" label means: 0x80 is €, 0x93/0x94 are curly quotes.
      expect((await post('text/plain; charset=latin1', Buffer.from([0x93, 0x80, 0x94, 0x81]))).body).toBe('“€”\u0081');
      const sjis = Buffer.from([0x93, 0xfa, 0x96, 0x7b]); // 日本
      expect((await post('text/plain; charset="Shift_JIS"', sjis)).body).toBe('日本');
    });

    it('honours the charset of JSON and strips byte order marks', async () => {
      const latin1 = Buffer.from('{"city":"S\u00e3o Paulo"}', 'latin1');
      expect((await post('application/json; charset=iso-8859-1', latin1)).body).toEqual({ city: 'São Paulo' });
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
      await expect(post('application/json', bom)).resolves.toEqual({ body: { a: 1 }, rawBody: '{"a":1}' });
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":"ü"}', 'utf16le')]);
      expect((await post('application/json', utf16)).body).toEqual({ a: 'ü' });
    });

    it('replaces invalid UTF-8 instead of failing', async () => {
      expect((await post('text/plain', Buffer.from([0x61, 0xff, 0x62]))).body).toBe('a\uFFFDb');
    });

    it('rejects a charset it does not know', async () => {
      await expect(post('text/plain; charset=klingon', 'x')).rejects.toMatchObject({
        code: ErrorCode.MalformedBody,
        detail:
          'The body declares charset "klingon", which is not a character encoding hookflow can decode. Nothing was stored.',
      });
    });
  });

  it('replaces NUL characters everywhere, which the store cannot hold', async () => {
    const nul = '\u0000';
    expect(await post('text/plain', `a${nul}b`)).toEqual({ body: 'a\uFFFDb', rawBody: 'a\uFFFDb' });
    expect((await post('application/json', '{"a":"x\\u0000y"}')).body).toEqual({ a: 'x\uFFFDy' });
    const form = await post('application/x-www-form-urlencoded', `a=x%00y&b=${nul}`);
    expect(form.body).toEqual({ a: 'x\uFFFDy', b: '\uFFFD' });
    expect((await post('application/xml', `<r>${nul}</r>`)).body).toEqual({ r: '\uFFFD' });
  });
});
