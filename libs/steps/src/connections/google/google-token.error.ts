/**
 * refused: Google answered and said no (bad key, deleted account, no delegation) — final.
 * unreachable / unavailable: no answer, or a 5xx/429 — transient.
 * forbidden: the outbound guard refused the token URL — final until the settings change.
 */
export type GoogleTokenFailure = 'refused' | 'unreachable' | 'unavailable' | 'forbidden';

/** Getting an access token failed; the message says what to do about it. */
export class GoogleTokenError extends Error {
  override readonly name = 'GoogleTokenError';

  constructor(
    message: string,
    readonly reason: GoogleTokenFailure,
    readonly transient: boolean,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
