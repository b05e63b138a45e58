import { ErrorCode } from '@app/common';
import { parseBody } from './body.parser';

const FORM = 'application/x-www-form-urlencoded';
const form = (text: string | Buffer, type = FORM) =>
  parseBody('POST', type, typeof text === 'string' ? Buffer.from(text) : text, {});

describe('urlencoded form bodies', () => {
  it('reads what a real HTML form sends', async () => {
    // A contact form with a textarea, a checkbox and a multi-select, as Chrome encodes it.
    const raw =
      'name=Ada+Lovelace&email=ada%40example.com&message=Hello%2C+world%21%0D%0ASecond+line+%E2%9C%93' +
      '&newsletter=on&interests=math&interests=poetry&empty=';
    await expect(form(raw)).resolves.toEqual({
      body: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        message: 'Hello, world!\r\nSecond line ✓',
        newsletter: 'on',
        interests: ['math', 'poetry'],
        empty: '',
      },
      rawBody: raw,
    });
  });

  it('nests keys the way form builders send them', async () => {
    // Jotform-style question names, bracketed sub-fields and a list of repeated rows.
    const raw = new URLSearchParams([
      ['formID', '231234'],
      ['q3_name[first]', 'Ada'],
      ['q3_name[last]', 'Lovelace'],
      ['q5_address[addr_line1]', '12 St James Sq'],
      ['q5_address[city]', 'London'],
      ['items[0][title]', 'Notes'],
      ['items[0][qty]', '2'],
      ['items[1][title]', 'Engine'],
      ['items[1][qty]', '1'],
    ]).toString();
    expect((await form(raw)).body).toEqual({
      formID: '231234',
      q3_name: { first: 'Ada', last: 'Lovelace' },
      q5_address: { addr_line1: '12 St James Sq', city: 'London' },
      items: [
        { title: 'Notes', qty: '2' },
        { title: 'Engine', qty: '1' },
      ],
    });
  });

  it('builds arrays from PHP-style keys, encoded brackets included', async () => {
    const raw = 'tags[]=x&tags[]=y&tags%5B%5D=z&user[roles][]=admin&matrix[0][]=a&matrix[0][]=b';
    expect((await form(raw)).body).toEqual({
      tags: ['x', 'y', 'z'],
      user: { roles: ['admin'] },
      matrix: [['a', 'b']],
    });
  });

  it('decodes percent-escapes in the declared charset', async () => {
    expect((await form('city=S%E3o+Paulo&caf%E9=cr%E8me', `${FORM}; charset=ISO-8859-1`)).body).toEqual({
      city: 'São Paulo',
      café: 'crème',
    });
    expect((await form('q=%93hi%94', `${FORM}; charset=windows-1252`)).body).toEqual({ q: '“hi”' });
    // あい in Shift_JIS is 82 A0 82 A2.
    expect((await form('name=%82%A0%82%A2', `${FORM}; charset=shift_jis`)).body).toEqual({ name: 'あい' });
    // Raw (unescaped) bytes in the declared charset are read right too.
    expect((await form(Buffer.from([0x61, 0x3d, 0xe9]), `${FORM}; charset=latin1`)).body).toEqual({ a: 'é' });
  });

  it('leaves a broken escape as it is and reads an empty body as no fields', async () => {
    expect((await form('discount=100%&bad=%ZZ')).body).toEqual({ discount: '100%', bad: '%ZZ' });
    expect((await form('')).body).toEqual({});
  });

  it('cannot pollute Object.prototype', async () => {
    const raw = '__proto__[polluted]=1&constructor[prototype][polluted]=1&a[__proto__][polluted]=1&safe=1&toString=x';
    expect((await form(raw)).body).toEqual({ safe: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('replaces NULs that escapes decode to, in keys and values', async () => {
    expect((await form('a%00b=x%00y')).body).toEqual({ 'a\uFFFDb': 'x\uFFFDy' });
  });

  describe('limits', () => {
    it('refuses more than 1000 fields rather than dropping some', async () => {
      const fields = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&');
      await expect(form(fields)).rejects.toMatchObject({
        code: ErrorCode.PayloadTooLarge,
        detail: 'The body has more than 1000 form fields. Nothing was stored.',
      });
      const ok = Array.from({ length: 1000 }, (_, i) => `tags[]=${i}`).join('&');
      expect(((await form(ok)).body as { tags: string[] }).tags).toHaveLength(1000);
    });

    it('keeps keys nested deeper than 10 levels as one literal key', async () => {
      const body = (await form('k[a][b][c][d][e][f][g][h][i][j][k][l]=deep')).body;
      expect(body).toEqual({
        k: { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: { '[k][l]': 'deep' } } } } } } } } } } },
      });
    });

    it('turns a huge index into an object key instead of a sparse array', async () => {
      expect((await form('a[5000]=x&b[2]=y')).body).toEqual({ a: { '5000': 'x' }, b: ['y'] });
    });
  });
});
