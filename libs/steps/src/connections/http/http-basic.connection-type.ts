import type { ConnectionType } from '@app/engine';
import { connectionObject, headerText } from './connection-field.schemas';

/** A user name and password sent as `Authorization: Basic …` (RFC 7617). */
export const HTTP_BASIC_CONNECTION: ConnectionType = {
  type: 'http-basic',
  label: 'HTTP: user name and password (Basic)',
  config: connectionObject('config', {}),
  secrets: connectionObject('secrets', {
    // RFC 7617: the first colon separates user from password, so a user name cannot hold one.
    username: headerText('username').refine((u) => !u.includes(':'), { error: 'username must not contain ":"' }),
    password: headerText('password', { keepSpaces: true }),
  }),
};
