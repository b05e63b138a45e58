import { ErrorCode } from '@app/common';
import { parseBody } from './body.parser';

const xml = (text: string | Buffer, type = 'application/xml') =>
  parseBody('POST', type, typeof text === 'string' ? Buffer.from(text) : text, {});

describe('XML bodies', () => {
  it('reads attributes, nested and repeated elements, all as strings', async () => {
    const raw = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a payment notification -->
<notification type="payment" live="true">
  <id>00042</id>
  <amount currency="EUR">12.50</amount>
  <customer><name>Ada &amp; Co</name><email>ada@example.com</email></customer>
  <item sku="A1">Pen</item>
  <item sku="B2">Ink</item>
  <note><![CDATA[<b>fragile</b>]]></note>
  <empty/>
</notification>`;
    const parsed = await xml(raw, 'text/xml; charset=utf-8');
    expect(parsed.body).toEqual({
      notification: {
        '@type': 'payment',
        '@live': 'true',
        id: '00042',
        amount: { '@currency': 'EUR', '#text': '12.50' },
        customer: { name: 'Ada & Co', email: 'ada@example.com' },
        item: [
          { '@sku': 'A1', '#text': 'Pen' },
          { '@sku': 'B2', '#text': 'Ink' },
        ],
        note: '<b>fragile</b>',
        empty: '',
      },
    });
    expect(parsed.rawBody).toBe(raw);
  });

  it('treats any +xml type as XML and keeps namespace prefixes', async () => {
    const raw =
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">' +
      '<soap:Body><ok>1</ok></soap:Body></soap:Envelope>';
    expect((await xml(raw, 'application/soap+xml')).body).toEqual({
      'soap:Envelope': { '@xmlns:soap': 'http://www.w3.org/2003/05/soap-envelope', 'soap:Body': { ok: '1' } },
    });
  });

  it('rejects malformed XML with the reason', async () => {
    for (const bad of ['<a><b></a>', 'not xml at all', '<a x="1></a>', '<a>']) {
      await expect(xml(bad)).rejects.toMatchObject({
        code: ErrorCode.MalformedBody,
        detail: expect.stringMatching(/^The body is not valid XML: .+\. Nothing was stored\.$/),
      });
    }
  });

  it('reads an empty body as null', async () => {
    expect((await xml('')).body).toBeNull();
  });

  it('does not expand a billion-laughs document', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const raw = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><lolz>&lol9;</lolz>`;
    const parsed = await xml(raw);
    expect(parsed.body).toEqual({ lolz: '&lol9;' });
  });

  it('refuses an entity blown up by repetition and never reads external entities', async () => {
    const big = `<!DOCTYPE r [<!ENTITY big "${'x'.repeat(9_000)}">]><r>${'&big;'.repeat(50)}</r>`;
    await expect(xml(big)).rejects.toMatchObject({ code: ErrorCode.MalformedBody });
    const xxe = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    await expect(xml(xxe)).rejects.toMatchObject({ code: ErrorCode.MalformedBody });
  });

  it('still expands a small declared entity', async () => {
    expect((await xml('<!DOCTYPE r [<!ENTITY co "ACME Ltd">]><r>&co;</r>')).body).toEqual({ r: 'ACME Ltd' });
  });

  it('keeps no NUL, raw or as a character reference', async () => {
    const parsed = await xml('<r a="x&#0;y">a\u0000b</r>');
    expect(JSON.stringify(parsed)).not.toContain('\\u0000');
    expect(parsed.body).toEqual({ r: { '@a': 'xy', '#text': 'a\uFFFDb' } });
  });

  it('uses the encoding named in the XML declaration when the Content-Type has none', async () => {
    const raw = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><name>'),
      Buffer.from([0x82, 0xa0, 0x82, 0xa2]), // あい
      Buffer.from('</name>'),
    ]);
    expect((await xml(raw)).body).toEqual({ name: 'あい' });
  });

  it('does not let an element named __proto__ reach a prototype', async () => {
    const attack = xml('<__proto__><polluted>1</polluted></__proto__>');
    await expect(attack).rejects.toMatchObject({ code: ErrorCode.MalformedBody });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
