import { StepError } from '@app/engine';
import type { FieldDeclaration, StepConnectionRule, StepContext, StepExecutor } from '@app/engine';
import type { HttpRequester } from '../http/http.step';
import { checkStepConnection } from '../http/step-connection.guard';
import { ExpiringValueCache } from '../connections/google/expiring-value.cache';
import { GOOGLE_SERVICE_ACCOUNT, GoogleAccount, openGoogleAccount } from '../connections/google/google-service-account.connection';
import { GoogleTokenError } from '../connections/google/google-token.error';
import { GoogleTokenSource } from '../connections/google/google-token.source';
import { sheetRange } from './a1-notation.formatter';
import { AppendInput, parseAppendInput } from './sheets-append-input.parser';
import { SheetsAppendBatcher } from './sheets-append.batcher';
import type { SheetRow, SheetsAppendRowOutput } from './sheets-append.types';
import { SheetsApiClient, SheetsCall } from './sheets-api.client';
import { SheetsDuplicateFinder } from './sheets-duplicate.finder';
import { quotaExceeded } from './sheets-failure.mapper';
import { SheetsQuotaGate } from './sheets-quota.gate';
import { buildRows, findHeader } from './sheets-row.builder';
import { RUN_ID_COLUMN, SHEETS_APPEND_ROW_FIELDS } from './sheets.fields';

export interface SheetsAppendRowStepOptions {
  /** GOOGLE_API_URL (default https://sheets.googleapis.com). */
  apiUrl?: string;
  /** Rows for one tab arriving within this window share one append call (default 200 ms). */
  batchWindowMs?: number;
  /** Cap on rows per append call (default 500). */
  maxRowsPerCall?: number;
  /** How long a tab's header row is reused (default 60 s). */
  headerTtlMs?: number;
  /** Per Sheets request (default 30 s). */
  timeoutMs?: number;
  /** Wait after a 429 that names no Retry-After (default 20 s). */
  quotaRetryMs?: number;
  /** Rows compared when looking for an earlier write without a hookflow_run_id column (default 50). */
  duplicateLookbackRows?: number;
  now?: () => number;
}

/**
 * `sheets.appendRow` (SPEC §5): adds rows to a tab, by header name (`columns`) or by position (`values`).
 * Concurrent runs writing to the same tab are batched into one call to stay within Google's write quota,
 * and a retry after an unknown outcome checks the sheet before appending again (SheetsDuplicateFinder).
 */
export class SheetsAppendRowStep implements StepExecutor<SheetsAppendRowOutput> {
  readonly type = 'sheets.appendRow';
  readonly fields: FieldDeclaration[] = SHEETS_APPEND_ROW_FIELDS;
  readonly connection: StepConnectionRule = { types: [GOOGLE_SERVICE_ACCOUNT], required: true };
  private readonly api: SheetsApiClient;
  private readonly batcher: SheetsAppendBatcher;
  private readonly duplicates: SheetsDuplicateFinder;
  private readonly quota: SheetsQuotaGate;
  private readonly headerRows: ExpiringValueCache<string[]>;
  private readonly headerTtlMs: number;

  constructor(
    http: HttpRequester,
    private readonly tokens: GoogleTokenSource,
    options: SheetsAppendRowStepOptions = {},
  ) {
    this.api = new SheetsApiClient(http, { apiUrl: options.apiUrl, timeoutMs: options.timeoutMs, quotaRetryMs: options.quotaRetryMs });
    this.batcher = new SheetsAppendBatcher({ windowMs: options.batchWindowMs, maxRowsPerCall: options.maxRowsPerCall });
    this.duplicates = new SheetsDuplicateFinder(this.api, options.duplicateLookbackRows);
    this.quota = new SheetsQuotaGate(options.now);
    this.headerRows = new ExpiringValueCache({ now: options.now });
    this.headerTtlMs = options.headerTtlMs ?? 60_000;
  }

  async execute(input: Record<string, unknown>, ctx: StepContext): Promise<SheetsAppendRowOutput> {
    const request = parseAppendInput(input);
    const { spreadsheetId } = request.target;
    const call = this.openCall(request, ctx);
    const count = request.mode === 'columns' ? request.records.length : request.rows.length;
    if (count === 0) return { spreadsheetId, updatedRange: null, updatedRows: 0 };

    const markers = Array.from({ length: count }, (_, i) => `${ctx.runId}/${ctx.stepKey}#${i + 1}`);
    const { rows, headers } = await this.layOut(call, request, markers);
    if (ctx.attempt > 1 || ctx.resumed) {
      // The earlier attempt may have written the rows without us hearing back (see SheetsDuplicateFinder).
      const markerColumn = findHeader(headers, RUN_ID_COLUMN);
      const existing = await this.duplicates.find(call, { rows, markerColumn, markers });
      if (existing) return { spreadsheetId, updatedRange: existing, updatedRows: rows.length };
    }
    const updatedRange = await this.batcher.submit(laneKey(call), rows, (all) => this.append(call, all));
    return { spreadsheetId, updatedRange, updatedRows: rows.length };
  }

  /** Rows laid out against the header row; a name the cached row lacks gets one fresh look (a column just added). */
  private async layOut(call: SheetsCall, request: AppendInput, markers: string[]): Promise<{ rows: SheetRow[]; headers: string[] }> {
    let headers = await this.headers(call, false);
    let built = buildRows(request, headers, markers);
    if (built.unknown) {
      headers = await this.headers(call, true);
      built = buildRows(request, headers, markers);
    }
    if (built.unknown) {
      const known = headers.filter((h) => h.trim() !== '');
      const listed = known.length > 0 ? known.map((h) => `"${h}"`).join(', ') : 'none: the first row is empty';
      throw new StepError(
        `Columns names ${built.unknown.map((n) => `"${n}"`).join(', ')}, which ${built.unknown.length === 1 ? 'is' : 'are'} not in the header row ` +
          `of "${call.sheet}". Its columns are: ${listed}. Rename the keys in Columns or add the columns to the sheet's first row.`,
        false,
        { unknown: built.unknown, headers: known },
      );
    }
    return { rows: built.rows, headers };
  }

  /** The header row, cached per account as well: the error for unknown names lists it, and must not leak it. */
  private headers(call: SheetsCall, fresh: boolean): Promise<string[]> {
    const load = async () => {
      const row = await this.api.getValues(call, sheetRange(call.sheet, '1:1'));
      return { value: (row.values[0] ?? []).map((cell) => String(cell ?? '')), ttlMs: this.headerTtlMs };
    };
    return this.headerRows.get(laneKey(call), load, fresh);
  }

  private async append(call: SheetsCall, rows: SheetRow[]): Promise<string> {
    const wait = this.quota.remaining(call.clientEmail);
    if (wait > 0) throw quotaExceeded(call, wait);
    try {
      return (await this.api.append(call, rows)).updates.updatedRange;
    } catch (err) {
      if (err instanceof StepError && err.details?.status === 429) this.quota.hold(call.clientEmail, err.retryAfterMs ?? 0);
      throw err;
    }
  }

  private openCall(request: AppendInput, ctx: StepContext): SheetsCall {
    const connection = checkStepConnection(this.type, this.connection, ctx.connection)!;
    let account: GoogleAccount;
    try {
      account = openGoogleAccount(connection);
    } catch (err) {
      throw new StepError(`The connection "${connection.name}" cannot be used: ${(err as Error).message}`, false);
    }
    const token = async (fresh: boolean) => {
      try {
        return await this.tokens.getToken(account.key, { subject: account.subject, fresh });
      } catch (err) {
        if (err instanceof GoogleTokenError) throw new StepError(err.message, err.transient, err.details);
        throw err;
      }
    };
    return { ...request.target, clientEmail: account.key.clientEmail, subject: account.subject, token };
  }
}

/** Batches and cached header rows belong to one tab as one account (and delegated user) sees it. */
function laneKey(call: SheetsCall): string {
  return [call.clientEmail, call.subject ?? '', call.spreadsheetId, call.sheet].join('\n');
}
