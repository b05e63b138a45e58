import { AppError } from '@app/common';
import { parseBody } from './parse-body';

describe('parseBody', () => {
  it('parses JSON and keeps the raw text', () => {
    const raw = '{"name":"Ada","answers":{"q1":"yes"}}';
    expect(parseBody('POST', 'application/json; charset=utf-8', Buffer.from(raw), {})).toEqual({
      body: { name: 'Ada', answers: { q1: 'yes' } },
      rawBody: raw,
    });
    expect(parseBody('POST', 'application/vnd.github+json', Buffer.from('[1]'), {}).body).toEqual([1]);
  });

  it('rejects malformed JSON with a clear reason', () => {
    expect(() => parseBody('POST', 'application/json', Buffer.from('{"a":'), {})).toThrow(AppError);
    expect(() => parseBody('POST', 'application/json', Buffer.from('{"a":'), {})).toThrow(/not valid JSON/);
  });

  it('uses the query as the body of a GET', () => {
    expect(parseBody('GET', undefined, Buffer.alloc(0), { a: '1' }).body).toEqual({ a: '1' });
  });

  it('keeps other content types as text', () => {
    expect(parseBody('POST', 'text/plain', Buffer.from('hello'), {}).body).toBe('hello');
  });

  it('replaces NUL characters, which the store cannot hold', () => {
    const parsed = parseBody('POST', 'application/json', Buffer.from('{"a":"x\\u0000y"}'), {});
    expect(parsed.body).toEqual({ a: 'x\uFFFDy' });
    expect(parseBody('POST', 'text/plain', Buffer.from('a\u0000b'), {}).rawBody).toBe('a\uFFFDb');
  });
});
