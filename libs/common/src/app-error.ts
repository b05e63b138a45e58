/** Every expected failure has a code; the API maps codes to HTTP status and problem JSON in one place. */
export const ErrorCode = {
  ValidationFailed: 'validation-failed',
  NotFound: 'not-found',
  Conflict: 'conflict',
  HookNotFound: 'hook-not-found',
  MethodNotAllowed: 'method-not-allowed',
  PayloadTooLarge: 'payload-too-large',
  MalformedBody: 'malformed-body',
  Unauthorized: 'unauthorized',
  RateLimited: 'rate-limited',
  StoreUnavailable: 'store-unavailable',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldProblem[]; retryAfterSeconds?: number; allow?: string[] } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}
