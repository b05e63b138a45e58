import { ErrorCode } from '@app/common';
import { parseBody } from './body.parser';

const json = (text: string, type = 'application/json') => parseBody('POST', type, Buffer.from(text), {});

describe('JSON bodies', () => {
  it('parses JSON and keeps the raw text', async () => {
    const raw = '{"name":"Ada","answers":{"q1":"yes"},"count":2}';
    await expect(json(raw, 'application/json; charset=utf-8')).resolves.toEqual({
      body: { name: 'Ada', answers: { q1: 'yes' }, count: 2 },
      rawBody: raw,
    });
  });

  it('treats any +json type as JSON', async () => {
    expect((await json('[1]', 'application/vnd.github+json')).body).toEqual([1]);
    expect((await json('{"specversion":"1.0"}', 'application/cloudevents+json')).body).toEqual({ specversion: '1.0' });
  });

  it('reads an empty body as null', async () => {
    expect((await json('')).body).toBeNull();
    expect((await json('  \n')).body).toBeNull();
  });

  it('rejects malformed JSON with the reason and says nothing was stored', async () => {
    await expect(json('{"a":')).rejects.toMatchObject({
      code: ErrorCode.MalformedBody,
      detail: expect.stringMatching(/^The body is not valid JSON: .+\. Nothing was stored\.$/),
    });
    await expect(json("{'a':1}")).rejects.toMatchObject({ code: ErrorCode.MalformedBody });
  });

  it('replaces escaped NULs in values and keys', async () => {
    const parsed = await json('{"a":"x\\u0000y","k\\u0000":["\\u0000"],"n":1}');
    expect(parsed.body).toEqual({ a: 'x\uFFFDy', 'k\uFFFD': ['\uFFFD'], n: 1 });
    expect(parsed.rawBody).toBe('{"a":"x\\u0000y","k\\u0000":["\\u0000"],"n":1}');
  });

  it('keeps a "__proto__" key as data without touching any prototype', async () => {
    const { body } = await json('{"__proto__":{"polluted":"\\u0000"}}');
    expect(Object.keys(body as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('JSON strings the store could not hold', () => {
  it('replaces escaped lone surrogates, which jsonb rejects, and keeps real pairs', async () => {
    expect((await json('{"s":"a\\ud800b","e":"\\ud83d\\ude00"}')).body).toEqual({ s: 'a\uFFFDb', e: '😀' });
  });
});
