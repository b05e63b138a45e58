import type { VerifyConfig, VerifyScheme } from './verify-config.schema';

type SchemeFields<S extends VerifyScheme> = Exclude<keyof Extract<VerifyConfig, { scheme: S }>, 'scheme'>;

/**
 * The config fields of each scheme that are secret: the API stores them encrypted and never returns them.
 * Keyed by every scheme and typed by its fields, so a new scheme or a renamed field fails to compile here.
 */
export const SECRET_FIELDS: Readonly<{ [S in VerifyScheme]: readonly SchemeFields<S>[] }> = Object.freeze({
  github: ['secret'],
  stripe: ['secret'],
  shopify: ['secret'],
  slack: ['secret'],
  standard: ['secret'],
  'hmac-sha256': ['secret'],
  basic: ['password'],
  'header-token': ['token'],
});
