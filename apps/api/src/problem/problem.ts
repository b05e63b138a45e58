import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { AppError, ErrorCode } from '@app/common';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedBody]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.HookNotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.StoreUnavailable]: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface Problem {
  status: number;
  headers: Record<string, string>;
  body: { type: string; title: string; status: number; detail: string; [extra: string]: unknown };
  /** Set for unexpected errors: the id is in the answer and in the log line. */
  errorId?: string;
}

/** Every error, from any layer, as RFC 9457 problem JSON. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    const status = STATUS[error.code];
    const headers: Record<string, string> = {};
    if (error.extra.retryAfterSeconds) headers['retry-after'] = String(error.extra.retryAfterSeconds);
    if (error.extra.allow) headers.allow = error.extra.allow.join(', ');
    const body = make(status, error.code, error.detail);
    if (error.extra.errors) body.errors = error.extra.errors;
    return { status, headers, body };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    return { status, headers: {}, body: make(status, slug(status), detail) };
  }
  // Fastify's own errors (body too large, bad content) carry a 4xx statusCode.
  const statusCode = (error as { statusCode?: number }).statusCode;
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    const detail = statusCode === 413 ? 'The body is larger than this server accepts (MAX_PAYLOAD_BYTES). Nothing was stored.' : (error as Error).message;
    return { status: statusCode, headers: {}, body: make(statusCode, slug(statusCode), detail) };
  }
  const errorId = randomUUID();
  const body = make(500, 'internal', `Something went wrong on our side. Quote error id ${errorId} when reporting it.`);
  body.errorId = errorId;
  return { status: 500, headers: {}, body, errorId };
}

function make(status: number, code: string, detail: string): Problem['body'] {
  return { type: `urn:hookflow:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail };
}

function slug(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-');
}
