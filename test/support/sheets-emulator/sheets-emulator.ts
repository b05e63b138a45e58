import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { columnLetters, parseA1, sheetReference } from './emulator-a1.parser';
import { verifyAssertion } from './emulator-jwt.verifier';
import { EmulatorCell, EmulatorSheetStore } from './emulator-sheet.store';

export type { EmulatorCell } from './emulator-sheet.store';

export interface SheetsEmulatorOptions {
  /** The `aud` assertions must carry; Google checks its own token URL even behind a gateway. */
  audience?: string;
  /** expires_in of issued tokens (default 3600). */
  tokenTtlSeconds?: number;
}

/** One request the emulator answered, for assertions in tests. */
export interface EmulatorCall {
  kind: 'token' | 'get' | 'append';
  spreadsheetId?: string;
  range?: string;
  /** Rows sent by an append. */
  rows?: number;
  status: number;
}

interface Failure {
  status: number;
  retryAfter?: string;
}

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/drive.file'];
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE',
};

/**
 * A loopback stand-in for Google's token endpoint and the two Sheets calls hookflow makes
 * (values.get, values.append), strict about what Google checks, with knobs for failures.
 * Point GOOGLE_TOKEN_URL at `tokenUrl` and GOOGLE_API_URL at `url`.
 */
export class SheetsEmulator {
  readonly calls: EmulatorCall[] = [];
  private readonly store = new EmulatorSheetStore();
  private readonly keys = new Map<string, KeyObject>();
  private readonly tokens = new Map<string, { clientEmail: string; expiresAt: number }>();
  private readonly failures: Failure[] = [];
  private drops = 0;
  private server?: Server;
  private base = '';

  constructor(private readonly options: SheetsEmulatorOptions = {}) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
    this.server = undefined;
  }

  /** The Sheets API base (GOOGLE_API_URL). */
  get url(): string {
    return this.base;
  }

  /** The token endpoint (GOOGLE_TOKEN_URL). */
  get tokenUrl(): string {
    return `${this.base}/token`;
  }

  /** Lets a service account sign in: its assertions are checked against this public key. */
  addServiceAccount(account: { clientEmail: string; publicKeyPem: string }): void {
    this.keys.set(account.clientEmail, createPublicKey(account.publicKeyPem));
  }

  /** Creates the spreadsheet and tab if needed and writes the header row (row 1). */
  setHeaders(spreadsheetId: string, sheet: string, headers: string[]): void {
    this.store.sheet(spreadsheetId, sheet, true)![0] = [...headers];
  }

  /** Creates an empty tab (and the spreadsheet). */
  addSheet(spreadsheetId: string, sheet: string): void {
    this.store.sheet(spreadsheetId, sheet, true);
  }

  /** From now on only these accounts may use the spreadsheet; others get 403. */
  shareOnlyWith(spreadsheetId: string, ...clientEmails: string[]): void {
    this.store.shareOnlyWith(spreadsheetId, clientEmails);
  }

  /** Every row of the tab, header included, as stored (USER_ENTERED numbers and booleans converted). */
  rows(spreadsheetId: string, sheet: string): EmulatorCell[][] {
    return (this.store.sheet(spreadsheetId, sheet) ?? []).map((row) => [...row]);
  }

  /** The rows below the header row. */
  dataRows(spreadsheetId: string, sheet: string): EmulatorCell[][] {
    return this.rows(spreadsheetId, sheet).slice(1);
  }

  /** The next `count` appends answer `status` (429 with Retry-After, 500, …) without writing. */
  failNextAppends(count: number, status: number, retryAfter?: string): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, retryAfter });
  }

  /** The next `count` appends are written, then the connection is dropped without an answer. */
  dropNextAppends(count: number): void {
    this.drops += count;
  }

  /** Issued tokens stop working (as after a key rotation); clients must fetch new ones. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  count(kind: EmulatorCall['kind']): number {
    return this.calls.filter((c) => c.kind === kind).length;
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    if (url.pathname === '/token' && req.method === 'POST') return this.token(req, body, res);
    const m = /^\/v4\/spreadsheets\/([^/]+)\/values\/([^/]+)$/.exec(url.pathname);
    const isAppend = req.method === 'POST' && m?.[2].endsWith(':append');
    if (!m || !(req.method === 'GET' || isAppend)) return googleError(res, 404, 'Method not found.');
    const spreadsheetId = decodeURIComponent(m[1]);
    const range = decodeURIComponent(isAppend ? m[2].slice(0, -':append'.length) : m[2]);
    const kind = isAppend ? 'append' : 'get';
    const answer = (status: number) => this.calls.push({ kind, spreadsheetId, range, status });

    const session = this.session(req);
    if (!session) return answer(401), googleError(res, 401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    if (!this.store.exists(spreadsheetId)) return answer(404), googleError(res, 404, 'Requested entity was not found.');
    if (!this.store.canAccess(spreadsheetId, session.clientEmail)) return answer(403), googleError(res, 403, 'The caller does not have permission');
    const parsed = parseA1(range);
    const target = parsed && this.store.sheet(spreadsheetId, parsed.sheet);
    if (!parsed || !target) return answer(400), googleError(res, 400, `Unable to parse range: ${range}`);

    if (!isAppend) {
      answer(200);
      const values = this.store.read(target, parsed).map((row) => row.map((c) => render(c, url.searchParams.get('valueRenderOption'))));
      const lastColumn = parsed.endColumn ?? Math.max(25, ...values.map((r) => r.length - 1));
      const lastRow = parsed.endRow ?? Math.max(1000, target.length);
      const a1 = `${sheetReference(parsed.sheet)}!${columnLetters(parsed.startColumn ?? 0)}${parsed.startRow ?? 1}:${columnLetters(lastColumn)}${lastRow}`;
      return json(res, 200, { range: a1, majorDimension: 'ROWS', ...(values.length > 0 ? { values } : {}) });
    }
    const rows = appendRows(url.searchParams, body);
    if (typeof rows === 'string') return answer(400), googleError(res, 400, rows);
    const failure = this.failures.shift();
    if (failure) {
      this.calls.push({ kind, spreadsheetId, range, rows: rows.length, status: failure.status });
      if (failure.retryAfter) res.setHeader('retry-after', failure.retryAfter);
      const message = failure.status === 429
        ? "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'."
        : 'Internal error encountered.';
      return googleError(res, failure.status, message);
    }
    const written = this.store.append(rows.map((row) => row.map(userEntered)), target, parsed.startColumn ?? 0);
    this.calls.push({ kind, spreadsheetId, range, rows: rows.length, status: 200 });
    if (this.drops > 0) {
      this.drops--;
      res.socket?.destroy();
      return;
    }
    const width = Math.max(1, ...rows.map((r) => r.length));
    const ref = sheetReference(parsed.sheet);
    const first = columnLetters(parsed.startColumn ?? 0);
    const start = `${first}${written.firstRow}`;
    const end = `${columnLetters((parsed.startColumn ?? 0) + width - 1)}${written.firstRow + rows.length - 1}`;
    const updatedRange = `${ref}!${start}${start === end ? '' : `:${end}`}`;
    json(res, 200, {
      spreadsheetId,
      ...(written.tableLastRow ? { tableRange: `${ref}!A1:${columnLetters(Math.max(0, written.tableWidth - 1))}${written.tableLastRow}` } : {}),
      updates: {
        spreadsheetId,
        updatedRange,
        updatedRows: rows.length,
        updatedColumns: width,
        updatedCells: rows.reduce((n, r) => n + r.length, 0),
      },
    });
  }

  private token(req: IncomingMessage, body: string, res: ServerResponse): void {
    const reply = (status: number, payload: object) => {
      this.calls.push({ kind: 'token', status });
      json(res, status, payload);
    };
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return reply(400, { error: 'invalid_request', error_description: 'Bad Request' });
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== JWT_BEARER) {
      return reply(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.get('grant_type') ?? ''}` });
    }
    const check = verifyAssertion(form.get('assertion') ?? '', {
      keys: this.keys,
      audience: this.options.audience ?? GOOGLE_TOKEN_URL,
      now: Math.floor(Date.now() / 1000),
    });
    if (!check.ok) return reply(check.status, { error: check.error, error_description: check.description });
    if (!check.claims.scopes.some((s) => SHEETS_SCOPES.includes(s))) {
      return reply(400, { error: 'invalid_scope', error_description: 'Invalid OAuth scope or ID token audience provided.' });
    }
    if (check.claims.subject) {
      return reply(401, { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' });
    }
    const ttl = this.options.tokenTtlSeconds ?? 3600;
    const accessToken = `ya29.emulator-${randomBytes(16).toString('hex')}`;
    this.tokens.set(accessToken, { clientEmail: check.claims.clientEmail, expiresAt: Date.now() + ttl * 1000 });
    reply(200, { access_token: accessToken, expires_in: ttl, token_type: 'Bearer' });
  }

  private session(req: IncomingMessage): { clientEmail: string } | undefined {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = token ? this.tokens.get(token) : undefined;
    return session && session.expiresAt > Date.now() ? session : undefined;
  }
}

/** The rows of an append request, or why Google would reject it. */
function appendRows(query: URLSearchParams, body: string): EmulatorCell[][] | string {
  if (query.get('valueInputOption') !== 'USER_ENTERED') return `Invalid valueInputOption: ${query.get('valueInputOption') ?? '(missing)'}; hookflow sends USER_ENTERED`;
  if (query.get('insertDataOption') !== 'INSERT_ROWS') return `Invalid insertDataOption: ${query.get('insertDataOption') ?? '(missing)'}; hookflow sends INSERT_ROWS`;
  let parsed: { majorDimension?: unknown; values?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return 'Invalid JSON payload received.';
  }
  if (parsed.majorDimension !== 'ROWS') return `Invalid majorDimension: ${String(parsed.majorDimension)}; expected ROWS`;
  const values = parsed.values;
  if (!Array.isArray(values) || values.length === 0) return 'Invalid values: expected a non-empty list of rows';
  for (const row of values) {
    if (!Array.isArray(row) || row.some((c) => c !== null && !['string', 'number', 'boolean'].includes(typeof c))) {
      return 'Invalid values[]: each row must be a list of strings, numbers or booleans';
    }
  }
  return (values as Array<Array<EmulatorCell | null>>).map((row) => row.map((c) => c ?? ''));
}

/** What USER_ENTERED does to typed text, as far as these tests need: numbers and TRUE/FALSE. */
function userEntered(cell: EmulatorCell): EmulatorCell {
  if (typeof cell !== 'string') return cell;
  if (/^-?\d+(\.\d+)?$/.test(cell.trim())) return Number(cell);
  if (/^(true|false)$/i.test(cell.trim())) return cell.trim().toLowerCase() === 'true';
  return cell;
}

function render(cell: EmulatorCell, option: string | null): EmulatorCell {
  if (option === 'UNFORMATTED_VALUE' || option === 'FORMULA') return cell;
  return typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}

function googleError(res: ServerResponse, status: number, message: string): void {
  json(res, status, { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } });
}
