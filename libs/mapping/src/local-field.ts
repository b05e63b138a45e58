import type { FieldSpec } from '@app/engine';
import type { CompiledField, CompileFieldOptions } from './compiled-field';
import { compileExpression } from './expression-compiler';
import { readFieldShape } from './field-shape';
import { MappingError } from './mapping-error';
import { compileTemplate } from './template-compiler';

/** A field compiled for evaluation in the current thread. */
export interface LocalField extends CompiledField {
  /**
   * Whether one evaluation could run long inside a single native call (a function call, a regex, a range,
   * a looping template). Such fields are evaluated in the worker pool, where a thread can be stopped;
   * the others are evaluated in-thread.
   */
  readonly isolated: boolean;
}

/** Compiles a field spec for in-thread evaluation; a bad shape or bad syntax throws a MappingError. */
export function compileLocalField(spec: FieldSpec, options: CompileFieldOptions = {}): LocalField {
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
          isolated: !expression.simple,
          resolve: (context) => expression.resolve(context),
          evaluate: (context) => expression.evaluate(context),
        };
      }
      case 'template': {
        const template = compileTemplate(shape.text, { html: options.html });
        return settled('template', template.loops, (context) => template.render(context));
      }
    }
  } catch (err) {
    throw options.field !== undefined && err instanceof MappingError ? err.forField(options.field) : err;
  }
}

function literalField(value: unknown): LocalField {
  const promise = Promise.resolve(value);
  return { kind: 'value', isolated: false, resolve: () => value, evaluate: () => promise };
}

/** A field computed synchronously: evaluate just wraps resolve. */
function settled(kind: LocalField['kind'], isolated: boolean, resolve: (context: object) => unknown): LocalField {
  return {
    kind,
    isolated,
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
