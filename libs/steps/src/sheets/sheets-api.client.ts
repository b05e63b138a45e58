import type { HttpRequester } from '../http/http.step';
import type { PreparedHttpRequest } from '../http/http-request.types';
import { sheetRange } from './a1-notation.formatter';
import type { SheetRow } from './sheets-append.types';
import { SheetsFailureContext, sheetsRequestFailure, sheetsStatusFailure } from './sheets-failure.mapper';

export const DEFAULT_GOOGLE_API_URL = 'https://sheets.googleapis.com';

/** One spreadsheet tab as one account sees it. */
export interface SheetsCall extends SheetsFailureContext {
  /** The Workspace user acted as (domain-wide delegation), if any. */
  subject?: string;
  /** A bearer token; fresh=true after Google refused the previous one. Throws a StepError. */
  token(fresh: boolean): Promise<string>;
}

/** spreadsheets.values.get's answer; `values` is absent there when the range is empty. */
export interface ValueRange {
  range: string;
  values: unknown[][];
}

/** spreadsheets.values.append's answer. */
export interface AppendValuesResponse {
  spreadsheetId: string;
  tableRange?: string;
  updates: { spreadsheetId: string; updatedRange: string; updatedRows: number; updatedColumns: number; updatedCells: number };
}

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';

export interface SheetsApiClientOptions {
  /** GOOGLE_API_URL (default https://sheets.googleapis.com). */
  apiUrl?: string;
  timeoutMs?: number;
  /** Wait after a 429 without Retry-After. */
  quotaRetryMs?: number;
}

/** Reads the whole sheet or a marker column when checking for duplicates; bigger than a normal answer. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

/** The two Sheets v4 calls hookflow makes, through the outbound client, with failures sorted for the retry policy. */
export class SheetsApiClient {
  private readonly apiUrl: string;

  constructor(
    private readonly http: HttpRequester,
    private readonly options: SheetsApiClientOptions = {},
  ) {
    this.apiUrl = (options.apiUrl ?? DEFAULT_GOOGLE_API_URL).replace(/\/+$/, '');
  }

  async getValues(call: SheetsCall, range: string, render: ValueRenderOption = 'FORMATTED_VALUE'): Promise<ValueRange> {
    const url = this.url(call, range, '', { valueRenderOption: render });
    const answer = (await this.send(call, { method: 'GET', url, headers: {}, timeoutMs: this.timeoutMs }, false)) as Partial<ValueRange>;
    return { range: answer.range ?? range, values: Array.isArray(answer.values) ? answer.values : [] };
  }

  /** values.append to the table that starts at A1, rows inserted (never overwriting), text read as if typed. */
  async append(call: SheetsCall, rows: SheetRow[]): Promise<AppendValuesResponse> {
    const range = sheetRange(call.sheet, 'A1');
    const url = this.url(call, range, ':append', { valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS' });
    const body = JSON.stringify({ range, majorDimension: 'ROWS', values: rows });
    const request = { method: 'POST', url, headers: { 'content-type': 'application/json' }, body, timeoutMs: this.timeoutMs };
    return (await this.send(call, request, true)) as AppendValuesResponse;
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  private url(call: SheetsCall, range: string, verb: string, query: Record<string, string>): URL {
    const path = `/v4/spreadsheets/${encodeURIComponent(call.spreadsheetId)}/values/${encodeURIComponent(range)}${verb}`;
    const url = new URL(this.apiUrl + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  private async send(call: SheetsCall, request: PreparedHttpRequest, appending: boolean, freshToken = false): Promise<unknown> {
    const token = await call.token(freshToken);
    const response = await this.http
      .request(request.method, request.url, { ...request.headers, authorization: `Bearer ${token}` }, request.body, {
        timeoutMs: request.timeoutMs,
        maxResponseBytes: appending ? undefined : MAX_READ_BYTES,
      })
      .catch((err: unknown) => Promise.reject(sheetsRequestFailure(request, err, appending)));
    // A cached token can be revoked early; a 401 means nothing was written, so one retry with a new token is safe.
    if (response.status === 401 && !freshToken) return this.send(call, request, appending, true);
    if (response.status >= 400) throw sheetsStatusFailure(call, response, this.options.quotaRetryMs ?? 20_000);
    try {
      return JSON.parse(response.body.toString('utf8'));
    } catch {
      throw sheetsStatusFailure(call, { ...response, status: 502 }, 0);
    }
  }
}
