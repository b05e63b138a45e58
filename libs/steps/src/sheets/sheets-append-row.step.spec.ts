import { failure } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { ResolvedConnection, StepContext, StepError } from '@app/engine';
import { OutboundHttpClient } from '@app/security';
import { SheetsEmulator } from '../../../../test/support/sheets-emulator/sheets-emulator';
import { createTestServiceAccount } from '../../../../test/support/sheets-emulator/test-service-account.factory';
import { GoogleTokenSource } from '../connections/google/google-token.source';
import { SheetsAppendRowStep, SheetsAppendRowStepOptions } from './sheets-append-row.step';


describe('SheetsAppendRowStep', () => {
  const emulator = new SheetsEmulator();
  const account = createTestServiceAccount();
  const client = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });
  const connection: ResolvedConnection = { id: 'c1', type: 'google-service-account', name: 'Sheets bot', config: {}, secrets: { key: account.keyJson } };
  const ctx = (over: Partial<StepContext> = {}): StepContext => ({ runId: 'run-1', stepKey: 'row', attempt: 1, connection, ...over });
  const newStep = (options: SheetsAppendRowStepOptions = {}) =>
    new SheetsAppendRowStep(client, new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl }), { apiUrl: emulator.url, batchWindowMs: 20, ...options });
  /** A spreadsheet of its own for each test, with a header row on tab "Leads". */
  const sheetWith = (headers: string[], sheet = 'Leads') => {
    const id = `sheet-${randomUUID()}`;
    emulator.setHeaders(id, sheet, headers);
    return id;
  };
  const appends = (id: string) => emulator.calls.filter((c) => c.kind === 'append' && c.spreadsheetId === id);

  beforeAll(async () => {
    await emulator.start();
    emulator.addServiceAccount(account);
  });

  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('declares its type, fields and connection', () => {
    const step = newStep();
    expect(step.type).toBe('sheets.appendRow');
    expect(step.fields.map((f) => f.name)).toEqual(['spreadsheetId', 'sheet', 'columns', 'values']);
    expect(step.connection).toEqual({ types: ['google-service-account'], required: true });
  });

  describe('columns by header name', () => {
    it('places values under their headers, leaves missing ones empty and reports the range', async () => {
      const id = sheetWith(['Name', 'Email', 'CRM id']);
      const out = await newStep().execute({ spreadsheetId: id, sheet: 'Leads', columns: { Email: 'ada@example.com', Name: 'Ada' } }, ctx());
      expect(out).toEqual({ spreadsheetId: id, updatedRange: 'Leads!A2:C2', updatedRows: 1 });
      expect(emulator.dataRows(id, 'Leads')).toEqual([['Ada', 'ada@example.com', '']]);
    });

    it('gets a token once and reads the header row once for many runs', async () => {
      const id = sheetWith(['Name']);
      const step = newStep();
      const tokensBefore = emulator.count('token');
      await step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'a' } }, ctx());
      await step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'b' } }, ctx({ runId: 'run-2' }));
      expect(emulator.count('token') - tokensBefore).toBe(1);
      expect(emulator.calls.filter((c) => c.kind === 'get' && c.spreadsheetId === id)).toHaveLength(1);
      expect(emulator.dataRows(id, 'Leads')).toEqual([['a'], ['b']]);
    });

    it('refuses names that are not in the header row, listing the real headers', async () => {
      const id = sheetWith(['Name', 'Email']);
      const err = await failure(newStep().execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'Ada', 'E-mail': 'x', Phone: 1 } }, ctx()));
      expect(err.transient).toBe(false);
      expect(err.message).toBe(
        'Columns names "E-mail", "Phone", which are not in the header row of "Leads". Its columns are: "Name", "Email". ' +
          "Rename the keys in Columns or add the columns to the sheet's first row.",
      );
      expect(err.details).toEqual({ unknown: ['E-mail', 'Phone'], headers: ['Name', 'Email'] });
      expect(appends(id)).toHaveLength(0);
    });

    it('looks at the header row again before calling a name unknown (a column just added)', async () => {
      const id = sheetWith(['Name']);
      const step = newStep();
      await step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'a' } }, ctx());
      emulator.setHeaders(id, 'Leads', ['Name', 'Phone']);
      const out = await step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'b', Phone: '555' } }, ctx({ runId: 'run-2' }));
      expect(out.updatedRange).toBe('Leads!A3:B3');
    });

    it('appends a list of line items as several rows in one call', async () => {
      const id = sheetWith(['Order', 'Item', 'Qty']);
      const items = [1, 2, 3].map((n) => ({ Order: 'o-7', Item: `sku-${n}`, Qty: n }));
      const out = await newStep().execute({ spreadsheetId: id, sheet: 'Leads', columns: items }, ctx());
      expect(out).toEqual({ spreadsheetId: id, updatedRange: 'Leads!A2:C4', updatedRows: 3 });
      expect(appends(id)).toEqual([expect.objectContaining({ rows: 3, range: "'Leads'!A1" })]);
      expect(emulator.dataRows(id, 'Leads')).toEqual([
        ['o-7', 'sku-1', 1],
        ['o-7', 'sku-2', 2],
        ['o-7', 'sku-3', 3],
      ]);
    });

    it('uses Sheet1 when no tab is named, and accepts the whole spreadsheet address', async () => {
      const id = sheetWith(['Name'], 'Sheet1');
      const out = await newStep().execute({ spreadsheetId: `https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`, columns: { Name: 'Ada' } }, ctx());
      expect(out).toEqual({ spreadsheetId: id, updatedRange: 'Sheet1!A2', updatedRows: 1 });
    });

    it('quotes tab names in ranges', async () => {
      const id = sheetWith(['Name', 'Email'], "Bob's leads");
      const out = await newStep().execute({ spreadsheetId: id, sheet: "Bob's leads", columns: { Email: 'x@y.z' } }, ctx());
      expect(out.updatedRange).toBe("'Bob''s leads'!A2:B2");
      expect(appends(id)[0].range).toBe("'Bob''s leads'!A1");
    });
  });

  describe('values by position', () => {
    it('appends one list as a row and a list of lists as rows', async () => {
      const id = sheetWith(['A', 'B']);
      const step = newStep();
      expect((await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['x', 1] }, ctx())).updatedRange).toBe('Leads!A2:B2');
      const many = await step.execute({ spreadsheetId: id, sheet: 'Leads', values: [['y'], ['z', true]] }, ctx({ runId: 'run-2' }));
      expect(many).toMatchObject({ updatedRange: 'Leads!A3:B4', updatedRows: 2 });
      expect(emulator.dataRows(id, 'Leads')).toEqual([['x', 1], ['y'], ['z', true]]);
    });

    it('appends nothing for an empty list of items', async () => {
      const id = sheetWith(['A']);
      expect(await newStep().execute({ spreadsheetId: id, sheet: 'Leads', columns: [] }, ctx())).toEqual({ spreadsheetId: id, updatedRange: null, updatedRows: 0 });
      expect(appends(id)).toHaveLength(0);
    });

    it.each([
      [{ spreadsheetId: 'x', columns: { a: 1 }, values: [1] }, /either Columns or Values, not both/],
      [{ spreadsheetId: 'x' }, /Nothing to write/],
      [{ columns: { a: 1 } }, /Spreadsheet is empty/],
      [{ spreadsheetId: 'not an id', columns: { a: 1 } }, /is not a spreadsheet id/],
      [{ spreadsheetId: 'x', columns: 'Ada' }, /Columns must be values by column name/],
      [{ spreadsheetId: 'x', values: [['a'], 'b'] }, /mixes single values and lists/],
    ])('rejects bad settings %j', async (input, message) => {
      const err = await failure(newStep().execute(input, ctx()));
      expect(err).toMatchObject({ transient: false, message: expect.stringMatching(message) });
    });

    it('needs a connection', async () => {
      const err = await failure(newStep().execute({ spreadsheetId: 'x', values: [1] }, ctx({ connection: undefined })));
      expect(err.message).toMatch(/sheets\.appendRow steps need a connection of type google-service-account/);
    });
  });

  describe('batching', () => {
    it('writes concurrent single-row runs as one append, each with its own range', async () => {
      const id = sheetWith(['Name', 'Email']);
      const step = newStep({ batchWindowMs: 50 });
      const outs = await Promise.all(
        ['a', 'b', 'c'].map((name, i) => step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: name } }, ctx({ runId: `run-${i}` }))),
      );
      expect(appends(id)).toHaveLength(1);
      expect(outs.map((o) => o.updatedRange)).toEqual(['Leads!A2:B2', 'Leads!A3:B3', 'Leads!A4:B4']);
      expect(emulator.dataRows(id, 'Leads')).toEqual([['a', ''], ['b', ''], ['c', '']]);
    });

    it('caps the rows of one call', async () => {
      const id = sheetWith(['N']);
      const step = newStep({ batchWindowMs: 50, maxRowsPerCall: 2 });
      await Promise.all([1, 2, 3].map((n) => step.execute({ spreadsheetId: id, sheet: 'Leads', values: [n] }, ctx({ runId: `run-${n}` }))));
      expect(appends(id).map((c) => c.rows)).toEqual([2, 1]);
    });
  });

  describe('failures', () => {
    it('treats 429 as transient, honours Retry-After and holds further writes until then', async () => {
      const id = sheetWith(['Name']);
      const step = newStep();
      emulator.failNextAppends(1, 429, '1');
      const err = await failure(step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'Ada' } }, ctx()));
      expect(err).toMatchObject({ transient: true, retryAfterMs: 1000, details: { status: 429 } });
      expect(err.message).toMatch(/write quota for hookflow-test@.* is used up .* retried in about 1 s/);

      const early = await failure(step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'Ada' } }, ctx({ attempt: 2 })));
      expect(early).toMatchObject({ transient: true, details: { status: 429 } });
      expect(early.retryAfterMs).toBeGreaterThan(0);
      expect(appends(id)).toHaveLength(1);

      await new Promise((r) => setTimeout(r, early.retryAfterMs));
      const out = await step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'Ada' } }, ctx({ attempt: 3 }));
      expect(out.updatedRange).toBe('Leads!A2');
      expect(emulator.dataRows(id, 'Leads')).toEqual([['Ada']]);
    });

    it('waits quotaRetryMs after a 429 without Retry-After', async () => {
      const id = sheetWith(['Name']);
      emulator.failNextAppends(1, 429);
      const err = await failure(newStep({ quotaRetryMs: 7000 }).execute({ spreadsheetId: id, sheet: 'Leads', values: ['x'] }, ctx()));
      expect(err).toMatchObject({ transient: true, retryAfterMs: 7000 });
    });

    it('treats 500 as transient', async () => {
      const id = sheetWith(['Name']);
      const step = newStep();
      emulator.failNextAppends(1, 500);
      const err = await failure(step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['x'] }, ctx()));
      expect(err).toMatchObject({ transient: true, details: { status: 500 } });
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['x'] }, ctx({ attempt: 2 }));
      expect(emulator.dataRows(id, 'Leads')).toEqual([['x']]);
    });

    it('tells to share the spreadsheet with the service account on 403', async () => {
      const id = sheetWith(['Name']);
      emulator.shareOnlyWith(id, 'someone-else@example.com');
      const err = await failure(newStep().execute({ spreadsheetId: id, sheet: 'Leads', values: ['x'] }, ctx()));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(new RegExp(`^The service account has no access to this spreadsheet: share it with ${account.clientEmail} `));
    });

    it('names a spreadsheet that does not exist (404) and a tab that does not exist', async () => {
      const missing = await failure(newStep().execute({ spreadsheetId: 'nope', values: ['x'] }, ctx()));
      expect(missing).toMatchObject({ transient: false, message: expect.stringMatching(/^No spreadsheet with id nope\./) });
      const id = sheetWith(['Name']);
      const tab = await failure(newStep().execute({ spreadsheetId: id, sheet: 'leads', values: ['x'] }, ctx()));
      expect(tab).toMatchObject({ transient: false, message: expect.stringMatching(/^No tab named "leads" in spreadsheet/) });
    });

    it('gets a new token when Google no longer accepts the cached one', async () => {
      const id = sheetWith(['Name']);
      const step = newStep();
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['a'] }, ctx());
      emulator.revokeTokens();
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['b'] }, ctx({ runId: 'run-2' }));
      expect(emulator.dataRows(id, 'Leads')).toEqual([['a'], ['b']]);
    });

    it('fails for good when Google refuses the key', async () => {
      const stale = createTestServiceAccount(account.clientEmail);
      const err = await failure(
        newStep().execute({ spreadsheetId: sheetWith(['N']), values: ['x'] }, ctx({ connection: { ...connection, secrets: { key: stale.keyJson } } })),
      );
      expect(err).toMatchObject({ transient: false, message: expect.stringMatching(/^Google refused the key .*Invalid JWT Signature/) });
    });

    it('calls Google only through the outbound guard', async () => {
      const guarded = new OutboundHttpClient({ allowPrivate: false, allowHosts: [] });
      const step = new SheetsAppendRowStep(guarded, new GoogleTokenSource(guarded, { tokenUrl: emulator.tokenUrl }), { apiUrl: emulator.url });
      const err = await failure(step.execute({ spreadsheetId: sheetWith(['N']), values: ['x'] }, ctx()));
      await guarded.close();
      expect(err).toMatchObject({ transient: false, message: expect.stringMatching(/^Refused to call the token endpoint/) });
    });
  });

  describe('retry after an unknown outcome', () => {
    it('finds its rows by hookflow_run_id instead of appending them twice', async () => {
      const id = sheetWith(['Name', 'Email', 'hookflow_run_id']);
      const step = newStep();
      const input = { spreadsheetId: id, sheet: 'Leads', columns: [{ Name: 'Ada' }, { Name: 'Bob' }] };
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['earlier'] }, ctx({ runId: 'run-0' }));
      emulator.dropNextAppends(1);
      const lost = await failure(step.execute(input, ctx()));
      expect(lost).toMatchObject({ transient: true, details: { outcome: 'unknown' } });
      expect(lost.message).toMatch(/Whether the rows were written is unknown; the retry looks for them/);
      expect(emulator.dataRows(id, 'Leads')).toHaveLength(3);

      const out = await step.execute(input, ctx({ attempt: 2 }));
      expect(out).toEqual({ spreadsheetId: id, updatedRange: 'Leads!A3:C4', updatedRows: 2 });
      expect(emulator.dataRows(id, 'Leads')).toEqual([
        ['earlier', '', 'run-0/row#1'],
        ['Ada', '', 'run-1/row#1'],
        ['Bob', '', 'run-1/row#2'],
      ]);
      expect(appends(id)).toHaveLength(2);
    });

    it('appends on retry when the earlier attempt did not write', async () => {
      const id = sheetWith(['Name', 'hookflow_run_id']);
      const step = newStep();
      emulator.failNextAppends(1, 503);
      await failure(step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'Ada' } }, ctx()));
      const out = await step.execute({ spreadsheetId: id, sheet: 'Leads', columns: { Name: 'Ada' } }, ctx({ attempt: 2 }));
      expect(out.updatedRange).toBe('Leads!A2:B2');
      expect(emulator.dataRows(id, 'Leads')).toEqual([['Ada', 'run-1/row#1']]);
    });

    it('without the column, compares the last rows with the row it is about to write', async () => {
      const id = sheetWith(['Name', 'Score']);
      const step = newStep();
      emulator.dropNextAppends(1);
      await failure(step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['Ada', '42'] }, ctx()));
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['Someone else', 1] }, ctx({ runId: 'run-2' }));
      const out = await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['Ada', '42'] }, ctx({ attempt: 2 }));
      expect(out.updatedRange).toBe('Leads!A2:B2');
      expect(emulator.dataRows(id, 'Leads')).toEqual([['Ada', 42], ['Someone else', 1]]);
    });

    it('does not look on a first attempt', async () => {
      const id = sheetWith(['Name']);
      const step = newStep();
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['Ada'] }, ctx());
      await step.execute({ spreadsheetId: id, sheet: 'Leads', values: ['Ada'] }, ctx({ runId: 'run-2' }));
      expect(emulator.dataRows(id, 'Leads')).toEqual([['Ada'], ['Ada']]);
    });
  });
});
