import { OutboundHttpClient } from '@app/security';
import { FilterStep } from '../filter/filter.step';
import { HttpStep } from '../http/http.step';
import { StepRegistry } from './step-registry';

describe('StepRegistry', () => {
  const client = new OutboundHttpClient({ allowPrivate: false, allowHosts: [] });
  afterAll(() => client.close());

  it('finds executors by type and lists their declarations', () => {
    const filter = new FilterStep();
    const registry = new StepRegistry([filter]).register(new HttpStep(client));
    expect(registry.get('filter')).toBe(filter);
    expect(registry.get('email')).toBeUndefined();
    expect(registry.has('http')).toBe(true);
    expect(registry.types()).toEqual(['filter', 'http']);
    const declarations = registry.declarations();
    expect(declarations.filter.map((f) => f.name)).toEqual(['condition']);
    expect(declarations.http.map((f) => f.name)).toEqual(['url', 'method', 'query', 'headers', 'body', 'bodyType', 'timeoutMs']);
  });

  it('refuses a second executor for the same type', () => {
    expect(() => new StepRegistry([new FilterStep(), new FilterStep()])).toThrow('step type "filter" is already registered');
  });
});
