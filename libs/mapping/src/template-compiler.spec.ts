import { MappingError } from './mapping-error';
import { compileTemplate } from './template-compiler';

const render = (text: string, context: unknown = {}, html = false) => compileTemplate(text, { html }).render(context);

function compileFailure(text: string): MappingError {
  try {
    compileTemplate(text);
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return err as MappingError;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('compileTemplate', () => {
  it('caches by text and html flag', () => {
    const t = compileTemplate('Hi {{name}}');
    expect(compileTemplate('Hi {{name}}')).toBe(t);
    expect(compileTemplate('Hi {{name}}', { html: true })).not.toBe(t);
    expect(compileTemplate('Hi {{name}}', { html: true })).toBe(compileTemplate('Hi {{name}}', { html: true }));
  });

  it('always renders a string, empty for missing values', () => {
    expect(render('{{a.b.c}}')).toBe('');
    expect(render('{{n}}/{{t}}', { n: 3, t: true })).toBe('3/true');
    expect(render('')).toBe('');
  });

  it('does not escape in text fields and escapes in html fields', () => {
    const ctx = { name: `<b>Tom & "Jerry"</b>` };
    expect(render('Hi {{name}}', ctx)).toBe('Hi <b>Tom & "Jerry"</b>');
    expect(render('Hi {{name}}', ctx, true)).toBe('Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
    expect(render('{{json name}}', ctx, true)).toBe('&quot;&lt;b&gt;Tom &amp; \\&quot;Jerry\\&quot;&lt;/b&gt;&quot;');
  });

  describe('helpers', () => {
    it('urlencode', () => {
      expect(render('https://x.test/?q={{urlencode q}}', { q: 'a b&c/é' })).toBe('https://x.test/?q=a%20b%26c%2F%C3%A9');
      expect(render('{{urlencode missing}}')).toBe('');
    });

    it('json', () => {
      expect(render('{{json v}}', { v: { a: [1, 'x'] } })).toBe('{"a":[1,"x"]}');
      expect(render('{{json v 2}}', { v: { a: 1 } })).toBe('{\n  "a": 1\n}');
      expect(render('{{json missing}}')).toBe('');
    });

    it('default', () => {
      expect(render('Hi {{default name "friend"}}', { name: 'Ann' })).toBe('Hi Ann');
      expect(render('Hi {{default name "friend"}}', { name: '' })).toBe('Hi friend');
      expect(render('Hi {{default name "friend"}}', {})).toBe('Hi friend');
      expect(render('{{default n 5}}', { n: 0 })).toBe('0');
    });

    it('date', () => {
      const ctx = { iso: '2026-03-04T05:06:07Z', sec: 1772600767, ms: 1772600767000 };
      expect(render('{{date iso}}', ctx)).toBe('2026-03-04T05:06:07.000Z');
      expect(render('{{date sec "iso"}}', ctx)).toBe('2026-03-04T05:06:07.000Z');
      expect(render('{{date ms}}', ctx)).toBe('2026-03-04T05:06:07.000Z');
      expect(render('{{date iso "epoch"}}', ctx)).toBe('1772600767');
      expect(render('{{date iso "epoch_ms"}}', ctx)).toBe('1772600767000');
      expect(render('{{date iso "date"}}', ctx)).toBe('2026-03-04');
      expect(render('{{date missing}}', ctx)).toBe('');
      expect(() => render('{{date "soon"}}')).toThrow('date: cannot read "soon" as a date');
      expect(() => render('{{date iso "yyyy"}}', ctx)).toThrow('date: unknown format "yyyy"');
    });

    it('comparisons and logic work as subexpressions', () => {
      const t = '{{#if (eq a "yes")}}Y{{else}}N{{/if}}';
      expect(render(t, { a: 'yes' })).toBe('Y');
      expect(render(t, { a: 'no' })).toBe('N');
      expect(render('{{#if (ne a 1)}}ne{{/if}}', { a: 2 })).toBe('ne');
      expect(render('{{#if (gt n 10)}}big{{else if (lt n 0)}}neg{{else}}small{{/if}}', { n: 11 })).toBe('big');
      expect(render('{{#if (gt n 10)}}big{{else if (lt n 0)}}neg{{else}}small{{/if}}', { n: -1 })).toBe('neg');
      expect(render('{{#if (gt n "10")}}x{{else}}mixed types compare false{{/if}}', { n: 11 })).toBe(
        'mixed types compare false',
      );
      expect(render('{{#if (and a b (not c))}}ok{{/if}}', { a: 1, b: 'x', c: [] })).toBe('ok');
      expect(render('{{#if (or a b)}}ok{{else}}none{{/if}}', { a: 0, b: '' })).toBe('none');
      expect(render('{{#unless (eq a b)}}differ{{/unless}}', { a: 1, b: '1' })).toBe('differ');
    });

    it('built-ins: each, with, lookup', () => {
      const ctx = { items: [{ t: 'a' }, { t: 'b' }], person: { name: 'Ann' }, map: { k: 'v' }, key: 'k' };
      expect(render('{{#each items}}{{@index}}:{{t}};{{/each}}', ctx)).toBe('0:a;1:b;');
      expect(render('{{#with person}}{{name}}{{/with}}', ctx)).toBe('Ann');
      expect(render('{{lookup map key}}', ctx)).toBe('v');
    });
  });

  describe('compile-time validation', () => {
    it('rejects unknown helpers, naming them', () => {
      const err = compileFailure('Hi {{shout name}}');
      expect(err.message).toContain("unknown helper 'shout'");
      expect(err.message).toContain('available: urlencode, json, default, date');
      expect(err.position).toBe(3);
      expect(compileFailure('{{#if (upper a)}}x{{/if}}').message).toContain("unknown helper 'upper'");
      expect(compileFailure('{{log "hi"}}').message).toContain("unknown helper 'log'");
    });

    it('reports syntax errors', () => {
      expect(compileFailure('{{#if a}}never closed').message).toMatch(/^template syntax error: Parse error on line 1/);
      expect(compileFailure('{{#each a}}x{{/if}}').message).toContain("each doesn't match if");
    });

    it('rejects partials and decorators', () => {
      expect(compileFailure('Hi {{> footer}}').message).toBe(
        'template: partials ({{> name}}) are not supported (line 1, column 4)',
      );
      expect(compileFailure('{{#> layout}}x{{/layout}}').message).toContain('partial blocks');
      expect(compileFailure('{{#*inline "p"}}x{{/inline}}').message).toContain('inline partials');
      expect(compileFailure('{{* deco}}').message).toContain('decorators');
      expect(compileFailure('line\n{{#if a}}{{> (dynamic)}}{{/if}}').position).toBe(14);
    });
  });

  describe('prototype access', () => {
    it('renders nothing for constructor and __proto__', () => {
      expect(render('[{{constructor}}][{{constructor.constructor}}][{{__proto__}}][{{a.constructor.name}}]', { a: {} }))
        .toBe('[][][][]');
      expect(render('[{{lookup this "constructor"}}][{{lookup (lookup this "__proto__") "toString"}}]', {})).toBe('[][]');
      expect(render('{{#with __proto__}}in{{else}}out{{/with}}', {})).toBe('out');
    });

    it('cannot call code through the Function constructor', () => {
      // Classic Handlebars RCE payloads: calling a looked-up value needs a helper, and there is none.
      expect(compileFailure('{{#with "s" as |s|}}{{s.constructor.constructor "return process"}}{{/with}}').message)
        .toContain('unknown helper');
      expect(compileFailure('{{constructor.constructor "return 1"}}').message).toContain('unknown helper');
      expect(render('{{#with (lookup this "constructor")}}{{this}}{{/with}}', {})).toBe('');
    });

    it('still reads own properties that happen to be called constructor', () => {
      expect(render('{{constructor}}', JSON.parse('{"constructor":"own"}'))).toBe('own');
    });
  });
});
