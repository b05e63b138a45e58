import type { FieldKind, FieldSpec } from '@app/engine';
import { compileExpression } from './expression-compiler';
import type { ExpressionLimits } from './expression-limits';
import { readFieldShape } from './field-shape';
import { MappingError } from './mapping-error';
import { compileTemplate } from './template-compiler';

export interface CompiledField {
  readonly kind: FieldKind;
  /** The field's value over `{ trigger, steps, workflow, run }`; undefined when an expression matches nothing. */
  evaluate(context: object): Promise<unknown>;
  /**
   * Like evaluate, but returns the value directly when it is available at once (literals, templates,
   * most simple expressions) and a promise only otherwise; saves a microtask per field on hot paths.
   */
  resolve(context: object): unknown;
}

export interface CompileFieldOptions {
  /** Escape values inserted by templates (fields declared html). */
  html?: boolean;
  /** Name used in error messages. */
  field?: string;
  /** Override the expression budgets (timeouts in tests, for instance). */
  limits?: Partial<ExpressionLimits>;
}

/** Compiles a field spec; a bad shape or bad syntax throws a MappingError naming the problem. */
export function compileField(spec: FieldSpec, options: CompileFieldOptions = {}): CompiledField {
  const shape = readFieldShape(spec);
  try {
    if (typeof shape === 'string') throw new MappingError(shape);
    switch (shape.kind) {
      case 'value':
        return literalField(shape.value);
      case 'expr': {
        const expression = compileExpression(shape.text, options.limits);
        return {
          kind: 'expr',
          resolve: (context) => expression.resolve(context),
          evaluate: (context) => expression.evaluate(context),
        };
      }
      case 'template': {
        const template = compileTemplate(shape.text, { html: options.html });
        return settled('template', (context) => template.render(context));
      }
    }
  } catch (err) {
    throw options.field !== undefined && err instanceof MappingError ? err.forField(options.field) : err;
  }
}

function literalField(value: unknown): CompiledField {
  const promise = Promise.resolve(value);
  return { kind: 'value', resolve: () => value, evaluate: () => promise };
}

/** A field computed synchronously: evaluate just wraps resolve. */
function settled(kind: FieldKind, resolve: (context: object) => unknown): CompiledField {
  return {
    kind,
    resolve,
    evaluate(context) {
      try {
        return Promise.resolve(resolve(context));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}
