import { z } from 'zod';
import type { ConnectionType } from '@app/engine';
import { HTTP_BASIC_CONNECTION } from './http-basic.connection-type';
import { HTTP_BEARER_CONNECTION } from './http-bearer.connection-type';
import { HTTP_CONNECTION_TYPES } from './http-connection-types.list';
import { HTTP_HEADER_CONNECTION } from './http-header.connection-type';
import { WEBHOOK_SIGNING_CONNECTION } from './webhook-signing.connection-type';

/** The first problem as the API reports it: "path: message". */
function problem(schema: ConnectionType['secrets'] | ConnectionType['config'], value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.')}: ${issue.message}`;
}

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

describe('http connection types', () => {
  it('lists bearer, basic, header and signing, each with a label and JSON Schemas for the UI', () => {
    expect(HTTP_CONNECTION_TYPES.map((t) => t.type)).toEqual(['http-bearer', 'http-basic', 'http-header', 'webhook-signing']);
    for (const type of HTTP_CONNECTION_TYPES) {
      expect(type.label).not.toBe('');
      expect(() => z.toJSONSchema(type.config)).not.toThrow();
      expect(() => z.toJSONSchema(type.secrets)).not.toThrow();
    }
    expect(z.toJSONSchema(HTTP_HEADER_CONNECTION.config)).toMatchObject({ required: ['name'] });
  });

  describe('http-bearer', () => {
    const secrets = HTTP_BEARER_CONNECTION.secrets;
    it('takes a token and trims a pasted newline', () => {
      expect(secrets.parse({ token: ' abc.def-123\n' })).toEqual({ token: 'abc.def-123' });
    });
    it.each([
      [{}, 'token: token is required'],
      [{ token: '' }, 'token: token must not be empty'],
      [{ token: 42 }, 'token: token must be text'],
      [{ token: 'Bearer abc' }, 'token: token must not contain spaces; paste the token alone, without "Bearer "'],
      [{ token: 'a\nb' }, 'token: token must be a single line of text (no line breaks or control characters)'],
      [null, ': secrets must be an object'],
    ])('refuses %j', (value, message) => {
      expect(problem(secrets, value)).toBe(message);
    });
  });

  describe('http-basic', () => {
    const secrets = HTTP_BASIC_CONNECTION.secrets;
    it('keeps spaces at the ends of a password, trims the user name', () => {
      expect(secrets.parse({ username: ' ada ', password: ' pw ' })).toEqual({ username: 'ada', password: ' pw ' });
    });
    it.each([
      [{ password: 'x' }, 'username: username is required'],
      [{ username: 'a:b', password: 'x' }, 'username: username must not contain ":"'],
      [{ username: 'ada' }, 'password: password is required'],
      [{ username: 'ada', password: 'x\r\ny' }, 'password: password must be a single line of text (no line breaks or control characters)'],
    ])('refuses %j', (value, message) => {
      expect(problem(secrets, value)).toBe(message);
    });
  });

  describe('http-header', () => {
    it('takes a header name as config and the value as a secret', () => {
      expect(HTTP_HEADER_CONNECTION.config.parse({ name: ' X-Api-Key ' })).toEqual({ name: 'X-Api-Key' });
      expect(HTTP_HEADER_CONNECTION.secrets.parse({ value: 'k' })).toEqual({ value: 'k' });
    });
    it.each([
      [{}, 'name: name is required'],
      [{ name: 'X Api Key' }, 'name: name must be a header name such as X-Api-Key (letters, digits and - only)'],
      [{ name: 'Content-Length' }, 'name: name cannot be Host, Content-Length, Transfer-Encoding, Connection or Content-Type; hookflow sets those itself'],
    ])('refuses config %j', (value, message) => {
      expect(problem(HTTP_HEADER_CONNECTION.config, value)).toBe(message);
    });
    it('refuses an empty value', () => {
      expect(problem(HTTP_HEADER_CONNECTION.secrets, { value: '  ' })).toBe('value: value must not be empty');
    });
  });

  describe('webhook-signing', () => {
    const secrets = WEBHOOK_SIGNING_CONNECTION.secrets;
    it('takes a whsec_ secret (and the bare base64 the standardwebhooks package also reads)', () => {
      expect(secrets.parse({ secret: SECRET })).toEqual({ secret: SECRET });
      expect(problem(secrets, { secret: SECRET.slice(6) })).toBeUndefined();
    });
    it.each([
      [{}, 'secret: secret is required'],
      [{ secret: 'whsec_not base64!' }, 'secret: secret must be a Standard Webhooks secret: "whsec_" followed by base64, as the receiving service shows it'],
      [{ secret: 'whsec_' }, 'secret: secret must be a Standard Webhooks secret: "whsec_" followed by base64, as the receiving service shows it'],
    ])('refuses %j', (value, message) => {
      expect(problem(secrets, value)).toBe(message);
    });
  });
});
