import { type ResolvedConnection, type StepContext, StepError } from '@app/engine';
import { HTTP_BASIC_CONNECTION } from '../connections/http/http-basic.connection-type';
import { HTTP_BEARER_CONNECTION } from '../connections/http/http-bearer.connection-type';
import { HTTP_HEADER_CONNECTION } from '../connections/http/http-header.connection-type';
import { replaceHeaders } from './http-headers.helper';
import { withRedaction } from './http-redaction.helper';
import type { HttpRequestDecorator, PreparedHttpRequest } from './http-request.types';

interface Credential {
  header: string;
  value: string;
  /** The raw secrets, blanked too if a service echoes them back in an error. */
  secrets: string[];
}

/**
 * Applies the step's auth connection (http-bearer, http-basic, http-header) as a header. It replaces
 * a header of the same name typed into the step's headers: the connection is the deliberate choice.
 * The header and the secrets are marked for redaction, so error records show `[redacted]`.
 */
export class HttpConnectionAuthDecorator implements HttpRequestDecorator {
  readonly connectionTypes = [HTTP_BEARER_CONNECTION.type, HTTP_BASIC_CONNECTION.type, HTTP_HEADER_CONNECTION.type];

  decorate(request: PreparedHttpRequest, _input: Record<string, unknown>, ctx: StepContext): PreparedHttpRequest {
    const connection = ctx.connection;
    if (!connection || !this.connectionTypes.includes(connection.type)) return request;
    const { header, value, secrets } = credentialFor(connection);
    const headers = replaceHeaders(request.headers, { [header]: value });
    return withRedaction({ ...request, headers }, { headers: [header], values: [value, ...secrets] });
  }
}

function credentialFor(connection: ResolvedConnection): Credential {
  const secret = (name: string) => readSecret(connection, name);
  switch (connection.type) {
    case HTTP_BEARER_CONNECTION.type: {
      const token = secret('token');
      return { header: 'authorization', value: `Bearer ${token}`, secrets: [token] };
    }
    case HTTP_BASIC_CONNECTION.type: {
      const [username, password] = [secret('username'), secret('password')];
      const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
      return { header: 'authorization', value: `Basic ${encoded}`, secrets: [encoded, password] };
    }
    default: {
      const name = connection.config.name;
      if (typeof name !== 'string' || name === '') throw broken(connection, 'its header name');
      const value = secret('value');
      return { header: name, value, secrets: [value] };
    }
  }
}

function readSecret(connection: ResolvedConnection, name: string): string {
  const value = connection.secrets[name];
  if (typeof value !== 'string' || value === '') throw broken(connection, `its ${name}`);
  return value;
}

/** Connections are validated when saved, so this means a damaged record: fixing it is the only cure. */
function broken(connection: ResolvedConnection, what: string): StepError {
  return new StepError(`The connection "${connection.name}" (${connection.type}) is missing ${what}. Edit the connection and enter it again.`, false);
}
