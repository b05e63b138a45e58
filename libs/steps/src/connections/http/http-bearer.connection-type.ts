import type { ConnectionType } from '@app/engine';
import { connectionObject, headerText } from './connection-field.schemas';

/**
 * A bearer token (API key, personal access token) sent as `Authorization: Bearer <token>`.
 * No test(): without a target URL there is nothing to check the token against.
 */
export const HTTP_BEARER_CONNECTION: ConnectionType = {
  type: 'http-bearer',
  label: 'HTTP: bearer token',
  config: connectionObject('config', {}),
  secrets: connectionObject('secrets', {
    token: headerText('token').refine((t) => !/\s/.test(t), { error: 'token must not contain spaces; paste the token alone, without "Bearer "' }),
  }),
};
