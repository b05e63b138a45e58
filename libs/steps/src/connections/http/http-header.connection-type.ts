import type { ConnectionType } from '@app/engine';
import { connectionObject, headerName, headerText } from './connection-field.schemas';

/** An API key in a header of the service's choosing (`X-Api-Key: …`); the name is config, the value secret. */
export const HTTP_HEADER_CONNECTION: ConnectionType = {
  type: 'http-header',
  label: 'HTTP: API key in a header',
  config: connectionObject('config', { name: headerName('name') }),
  secrets: connectionObject('secrets', { value: headerText('value') }),
};
