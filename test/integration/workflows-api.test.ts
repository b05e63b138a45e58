import { call } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { contactFormWorkflow } from '../support/workflows';

const contactForm = contactFormWorkflow('https://crm.example.com');

describe('workflows API', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('creates a workflow and gives it an unguessable hook URL', async () => {
    const res = await call('POST', `${t.url}/api/workflows`, contactForm);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Contact form to CRM', enabled: true, version: 1, steps: contactForm.steps });
    const token = res.body.hookUrl.replace(`${t.url}/hooks/`, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 192 random bits, URL-safe
  });

  it('lists, reads, updates and deletes', async () => {
    const { body: created } = await call('POST', `${t.url}/api/workflows`, { ...contactForm, name: 'Second' });
    const list = await call('GET', `${t.url}/api/workflows`);
    expect(list.body.map((w: { id: string }) => w.id)).toContain(created.id);

    const patched = await call('PATCH', `${t.url}/api/workflows/${created.id}`, { enabled: false });
    expect(patched.body).toMatchObject({ enabled: false, version: 2, name: 'Second', hookUrl: created.hookUrl });

    const replaced = await call('PUT', `${t.url}/api/workflows/${created.id}`, { name: 'Renamed', steps: [] });
    expect(replaced.body).toMatchObject({ name: 'Renamed', enabled: true, steps: [], version: 3 });
    expect((await call('GET', `${t.url}/api/workflows/${created.id}`)).body.name).toBe('Renamed');

    expect((await call('DELETE', `${t.url}/api/workflows/${created.id}`)).status).toBe(204);
    const gone = await call('GET', `${t.url}/api/workflows/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it.each([
    ['an unknown step type', { name: 'x', steps: [{ key: 'a', type: 'fax', config: {} }] }, 'steps[0].type', /unknown step type "fax"/],
    [
      'a duplicate key',
      { name: 'x', steps: [contactForm.steps[0], contactForm.steps[0]] },
      'steps[1].key',
      /duplicate step key "only_yes"/,
    ],
    [
      'JSONata that does not compile',
      { name: 'x', steps: [{ key: 'f', type: 'filter', config: { condition: { expr: 'trigger.body.(' } } }] },
      'steps[0].config.condition',
      /./,
    ],
    [
      'Handlebars that does not parse',
      { name: 'x', steps: [{ key: 'h', type: 'http', config: { url: { template: 'https://x/{{#if}}' } } }] },
      'steps[0].config.url',
      /./,
    ],
    ['a missing name', { steps: [] }, 'name', /./],
  ])('rejects %s with 400 problem JSON naming the field', async (_what, doc, path, message) => {
    const res = await call('POST', `${t.url}/api/workflows`, doc);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request', type: expect.any(String) });
    expect(res.body.detail).toContain(path);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  });

  it('answers 404 problem JSON for unknown or malformed ids', async () => {
    expect((await call('GET', `${t.url}/api/workflows/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await call('GET', `${t.url}/api/workflows/not-a-uuid`)).status).toBe(404);
    expect((await call('GET', `${t.url}/api/runs/not-a-uuid`)).status).toBe(404);
  });

  it('rejects a bad query parameter with 400', async () => {
    const { body } = await call('POST', `${t.url}/api/workflows`, contactForm);
    const res = await call('GET', `${t.url}/api/workflows/${body.id}/runs?limit=100000`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/limit/);
  });
});

describe('workflows API with API_KEY set', () => {
  let t: TestApp;
  const key = 'k'.repeat(32);
  beforeAll(async () => (t = await startTestApp({ API_KEY: key })));
  afterAll(() => t.close());

  it('requires the key as a bearer token', async () => {
    expect((await call('GET', `${t.url}/api/workflows`)).status).toBe(401);
    expect((await call('GET', `${t.url}/api/workflows`, undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('GET', `${t.url}/api/workflows`, undefined, { authorization: `Bearer ${key}` })).status).toBe(200);
  });
});
