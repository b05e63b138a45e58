import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, waitFor, waitForRun } from '../support/http';
import { SheetsEmulator } from '../support/sheets-emulator/sheets-emulator';
import { createTestServiceAccount } from '../support/sheets-emulator/test-service-account.factory';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * examples/contact-form, exactly as the README tells it, with a local SMTP server and a local emulator of the
 * Sheets API: the HTML form posts to the hook → a row in the sheet → a thank-you email → a redirect.
 */
describe('the contact form example', () => {
  const sheets = new SheetsEmulator();
  const smtp = new SmtpSink();
  const account = createTestServiceAccount();
  let t: TestApp;
  let smtpPort: number;

  beforeAll(async () => {
    await sheets.start();
    sheets.addServiceAccount(account);
    sheets.setHeaders('sheet-123', 'Leads', ['Received', 'Name', 'Email', 'Message', 'Newsletter', 'hookflow_run_id']);
    smtpPort = await smtp.start();
    t = await startTestApp({ GOOGLE_API_URL: sheets.url, GOOGLE_TOKEN_URL: sheets.tokenUrl });
  });
  afterAll(async () => {
    await t.close();
    await sheets.stop();
    await smtp.stop();
  });

  it('turns a form submission into a sheet row and a thank-you email, and redirects the browser', async () => {
    const post = (path: string, body: unknown) => call('POST', `${t.url}${path}`, body);
    const google = await post('/api/connections', { type: 'google-service-account', name: 'Sheets bot', secrets: { key: account.keyJson } });
    expect(google.status).toBe(201);
    expect((await post(`/api/connections/${google.body.id}/test`, undefined)).body).toMatchObject({ ok: true });
    const mail = await post('/api/connections', {
      type: 'smtp',
      name: 'Mail',
      config: { host: '127.0.0.1', port: smtpPort, from: 'Shop <shop@example.com>' },
      secrets: { user: smtp.user, pass: smtp.pass },
    });

    const template = readFileSync(join(__dirname, '../../examples/contact-form/workflow.json'), 'utf8');
    const doc = JSON.parse(
      template.replace('SHEETS_CONNECTION_ID', google.body.id).replace('SMTP_CONNECTION_ID', mail.body.id).replace('SPREADSHEET_ID', 'sheet-123'),
    );
    const wf = await post('/api/workflows', doc);
    expect(wf.status).toBe(201);

    // What the browser sends for examples/contact-form/index.html.
    const res = await fetch(wf.body.hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada+Lovelace&email=ada%40example.org&message=Is+the+engine+ready%3F&answers%5Bnewsletter%5D=yes',
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://example.com/thanks.html');

    const runs = await waitFor(async () => {
      const list = (await call('GET', `${t.url}/api/workflows/${wf.body.id}/runs`)).body.items;
      return list.length ? list : undefined;
    });
    const run = await waitForRun(t.url, runs[0].id);
    expect(run.status).toBe('succeeded');

    const [row] = sheets.dataRows('sheet-123', 'Leads');
    expect(row.slice(1, 5)).toEqual(['Ada Lovelace', 'ada@example.org', 'Is the engine ready?', 'yes']);
    expect(String(row[5])).toContain(run.id);

    const message = smtp.messages.at(-1)!;
    expect(message.to).toEqual(['ada@example.org']);
    expect(message.raw).toMatch(/^Subject: Thanks, Ada Lovelace/m);
    expect(message.raw.replace(/=\r?\n/g, '')).toContain(`We saved your message (row ${run.steps[0].output.updatedRange})`);
  });
});
