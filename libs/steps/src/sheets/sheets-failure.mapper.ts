import { StepError } from '@app/engine';
import type { OutboundResponse } from '@app/security';
import { isPlainObject } from '../http/http-body.encoder';
import { requestFailure } from '../http/http-failure.mapper';
import type { PreparedHttpRequest } from '../http/http-request.types';
import { parseRetryAfter } from '../http/retry-after.parser';
import type { SheetTarget } from './sheets-append.types';

/** Who calls which spreadsheet: the words of every message below. */
export interface SheetsFailureContext extends SheetTarget {
  clientEmail: string;
}

/** Google's error body: { error: { code, message, status, details: [{ reason }] } }. */
function googleMessage(body: string): { message: string; reasons: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = isPlainObject(parsed) && isPlainObject(parsed.error) ? parsed.error : {};
    const reasons = JSON.stringify([error.status, error.details, (error as { errors?: unknown }).errors]);
    return { message: typeof error.message === 'string' ? error.message : body.slice(0, 300), reasons };
  } catch {
    return { message: body.slice(0, 300), reasons: '' };
  }
}

/**
 * A Sheets answer with a 4xx/5xx status as a StepError (SPEC §6): 408, 429 and 5xx are transient;
 * 429 honours Retry-After and otherwise waits `quotaRetryMs`, since Google's write quota refills per minute.
 */
export function sheetsStatusFailure(at: SheetsFailureContext, response: OutboundResponse, quotaRetryMs: number): StepError {
  const { status } = response;
  const { message, reasons } = googleMessage(response.body.toString('utf8'));
  const details = { spreadsheetId: at.spreadsheetId, sheet: at.sheet, status, google: message };
  const said = message ? ` Google said: ${message}` : '';
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']) ?? quotaRetryMs;
    return quotaExceeded(at, retryAfterMs, details);
  }
  if (status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    return new StepError(`Google Sheets answered ${status}; this looks temporary and will be retried.${said}`, true, details, retryAfterMs);
  }
  if (status === 401) {
    return new StepError(
      `Google did not accept the access token of ${at.clientEmail}. Test the connection; if the key was deleted or rotated, paste a new one.${said}`,
      false,
      details,
    );
  }
  if (status === 403 && /SERVICE_DISABLED|accessNotConfigured|has not been used|is disabled/i.test(`${message} ${reasons}`)) {
    return new StepError(
      `The Google Sheets API is not enabled in the Google Cloud project of ${at.clientEmail}: enable it (APIs & Services → Library → ` +
        `Google Sheets API), wait a minute, then replay the run.${said}`,
      false,
      details,
    );
  }
  if (status === 403) {
    return new StepError(
      `The service account has no access to this spreadsheet: share it with ${at.clientEmail} (Share → add that address as Editor).${said}`,
      false,
      details,
    );
  }
  if (status === 404) {
    return new StepError(
      `No spreadsheet with id ${at.spreadsheetId}. Copy the id from the spreadsheet's address (docs.google.com/spreadsheets/d/<id>/edit) ` +
        `and make sure it is shared with ${at.clientEmail}.`,
      false,
      details,
    );
  }
  if (status === 400 && /Unable to parse range/i.test(message)) {
    return new StepError(
      `No tab named "${at.sheet}" in spreadsheet ${at.spreadsheetId}. The name must match the tab exactly, capitals and spaces included.`,
      false,
      details,
    );
  }
  return new StepError(`Google Sheets refused the request (${status}); this is not retried.${said}`, false, details);
}

/** 429, or the account is still waiting out an earlier one: retried after the wait. */
export function quotaExceeded(at: SheetsFailureContext, retryAfterMs: number, details: Record<string, unknown> = {}): StepError {
  return new StepError(
    `Google Sheets' write quota for ${at.clientEmail} is used up (about 60 writes a minute per service account); ` +
      `it will be retried in about ${Math.ceil(retryAfterMs / 1000)} s.`,
    true,
    { spreadsheetId: at.spreadsheetId, sheet: at.sheet, status: 429, ...details },
    retryAfterMs,
  );
}

/**
 * No answer (network, timeout, guard). An append may or may not have been written: say so, because the
 * retry checks the sheet first (SheetsDuplicateFinder) instead of appending blindly.
 */
export function sheetsRequestFailure(request: PreparedHttpRequest, err: unknown, appending: boolean): StepError {
  const failure = requestFailure(request, err);
  if (!appending || !failure.transient) return failure;
  return new StepError(
    `${failure.message} Whether the rows were written is unknown; the retry looks for them in the sheet before appending again.`,
    true,
    { ...failure.details, outcome: 'unknown' },
    failure.retryAfterMs,
  );
}
