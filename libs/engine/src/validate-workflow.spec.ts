import { FieldDeclaration } from './step-executor';
import { ValidationDeps, validateWorkflow } from './validate-workflow';

const declarations: Record<string, FieldDeclaration[]> = {
  filter: [{ name: 'condition', label: 'Condition', required: true }],
  http: [
    { name: 'url', label: 'URL', required: true },
    { name: 'body', label: 'Body' },
  ],
};
const deps: ValidationDeps = {
  declarations: (t) => declarations[t],
  knownTypes: () => Object.keys(declarations),
  validateField: (spec) => ((spec as { expr?: string }).expr === '((' ? 'does not compile' : null),
};

const http = (key: string, config: object = { url: { value: 'https://x.test' } }) => ({ key, type: 'http', config });

describe('validateWorkflow', () => {
  it('accepts a SPEC document and fills defaults', () => {
    const r = validateWorkflow({ name: 'Contact form', steps: [http('crm')] }, deps);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.document.enabled).toBe(true);
      expect(r.document.trigger).toEqual({ type: 'webhook', methods: ['POST'] });
      expect(r.document.schemaVersion).toBe(1);
    }
  });

  it.each([
    [{ steps: [] }, 'name', /expected string/],
    [{ name: 'x', steps: [{ key: 'x', type: 'sms', config: {} }] }, 'steps[0].type', /unknown step type "sms"; known: filter, http/],
    [{ name: 'x', steps: [http('a'), http('a')] }, 'steps[1].key', /duplicate step key "a"/],
    [{ name: 'x', steps: [http('Bad-Key')] }, 'steps[0].key', /must match/],
    [{ name: 'x', steps: [http('a', { url: { value: 'u' }, body: { expr: '((' } })] }, 'steps[0].config.body', /does not compile/],
    [{ name: 'x', steps: [http('a', {})] }, 'steps[0].config.url', /is required/],
    [{ name: 'x', steps: [http('a', { url: { value: 'u' }, nope: { value: 1 } })] }, 'steps[0].config.nope', /unknown field for http/],
    [{ name: 'x', trigger: { type: 'webhook', methods: ['DELETE'] } }, 'trigger.methods[0]', /Invalid option/],
  ])('rejects %j at %s', (doc, path, message) => {
    const r = validateWorkflow(doc, deps);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  });
});
