import type { ConnectionType } from '@app/engine';
import { HTTP_BASIC_CONNECTION } from './http-basic.connection-type';
import { HTTP_BEARER_CONNECTION } from './http-bearer.connection-type';
import { HTTP_HEADER_CONNECTION } from './http-header.connection-type';
import { WEBHOOK_SIGNING_CONNECTION } from './webhook-signing.connection-type';

/** The connection types the http step can use, for the connection type registry. */
export const HTTP_CONNECTION_TYPES: readonly ConnectionType[] = [
  HTTP_BEARER_CONNECTION,
  HTTP_BASIC_CONNECTION,
  HTTP_HEADER_CONNECTION,
  WEBHOOK_SIGNING_CONNECTION,
];
