import type { TemplateDelegate } from 'handlebars';
import { LruCache } from './lru-cache';
import { MappingError } from './mapping-error';
import { createTemplateEnvironment, knownTemplateHelpers } from './template-environment';
import { offsetOf, templateCompileError, templateRenderError } from './template-errors';

export interface CompiledTemplate {
  readonly text: string;
  /** Whether inserted values are HTML-escaped. */
  readonly html: boolean;
  /**
   * Whether rendering can loop: `{{#each}}` or a block over a path (`{{#items}}…{{/items}}`, which
   * iterates arrays). A template without loops renders in time linear in its size and the values it
   * prints; one with loops can multiply (nested `#each` over large data) and should run where it can be
   * stopped (the pool).
   */
  readonly loops: boolean;
  /** Always a string. Failures throw a MappingError. */
  render(context: unknown): string;
}

export interface TemplateOptions {
  html?: boolean;
}

const CACHE_SIZE = 5000;
const cache = new LruCache<string, CompiledTemplate>(CACHE_SIZE);
const env = createTemplateEnvironment();
const knownHelpers = knownTemplateHelpers();

// Handlebars compiles lazily on first render; these are the steps it runs then (compiler.js compileInput),
// called up front so that a bad template fails when it is saved, not when a run renders it.
interface EagerCompiler {
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: new () => { compile(env: unknown, options: object, context: undefined, asObject: true): unknown };
}
const compilers = env as unknown as EagerCompiler;

export function compileTemplate(text: string, options: TemplateOptions = {}): CompiledTemplate {
  const html = options.html === true;
  return cache.getOrCreate(`${html ? 'h' : 't'}${text}`, () => new HandlebarsTemplate(text, html));
}

class HandlebarsTemplate implements CompiledTemplate {
  private readonly template: TemplateDelegate;
  readonly loops: boolean;

  constructor(
    readonly text: string,
    readonly html: boolean,
  ) {
    if (typeof text !== 'string') throw new MappingError('template must be a string');
    const { template, loops } = compile(text, html);
    this.template = template;
    this.loops = loops;
  }

  render(context: unknown): string {
    try {
      // Runtime options stay at Handlebars' defaults: no prototype properties or methods.
      return this.template(context);
    } catch (err) {
      throw templateRenderError(err);
    }
  }
}

function compile(text: string, html: boolean): { template: TemplateDelegate; loops: boolean } {
  try {
    const ast = env.parse(text);
    rejectPartialsAndDecorators(ast, text);
    const options = {
      data: true,
      knownHelpers: { ...knownHelpers },
      knownHelpersOnly: true,
      noEscape: !html,
      strict: false,
    };
    const program = new compilers.Compiler().compile(ast, options);
    const spec = new compilers.JavaScriptCompiler().compile(program, options, undefined, true);
    return { template: env.template(spec as Parameters<typeof env.template>[0]), loops: hasLoops(ast) };
  } catch (err) {
    throw templateCompileError(err, text);
  }
}

/** Blocks that render their body at most once; every other block (each, a bare path) may iterate. */
const SINGLE_PASS_BLOCKS = new Set(['if', 'unless', 'with']);

function hasLoops(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(hasLoops);
  const n = node as { type?: unknown; path?: { type?: unknown; original?: unknown } };
  if (n.type === 'BlockStatement') {
    const head = n.path;
    const name = head?.type === 'PathExpression' ? head.original : undefined;
    if (typeof name !== 'string' || !SINGLE_PASS_BLOCKS.has(name)) return true;
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'loc' && hasLoops(child)) return true;
  return false;
}

const FORBIDDEN: Record<string, string> = {
  PartialStatement: 'partials ({{> name}}) are not supported',
  PartialBlockStatement: 'partial blocks ({{#> name}}) are not supported',
  Decorator: 'decorators ({{* name}}) are not supported',
  DecoratorBlock: 'inline partials and decorator blocks ({{#* name}}) are not supported',
};

/** Partials would resolve against the environment and decorators can define partials: refuse both. */
function rejectPartialsAndDecorators(node: unknown, text: string): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) rejectPartialsAndDecorators(child, text);
    return;
  }
  const n = node as { type?: unknown; loc?: { start?: { line: number; column: number } } };
  if (typeof n.type === 'string' && Object.prototype.hasOwnProperty.call(FORBIDDEN, n.type)) {
    const start = n.loc?.start;
    const position = start ? offsetOf(text, start.line, start.column) : undefined;
    const where = start ? ` (line ${start.line}, column ${start.column + 1})` : '';
    throw new MappingError(`template: ${FORBIDDEN[n.type]}${where}`, { position });
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') rejectPartialsAndDecorators(child, text);
}
