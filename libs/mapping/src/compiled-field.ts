import type { FieldKind, FieldSpec } from '@app/engine';
import { evaluationPool, type EvaluationPool } from './evaluation-pool';
import { evaluationKey, isolatedSpec } from './evaluation-protocol';
import { resolveLimits, type ExpressionLimits } from './expression-limits';
import { compileLocalField } from './local-field';
import { MappingError } from './mapping-error';

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
  /**
   * Where fields that could run long (function calls, regexes, ranges, looping templates) are evaluated;
   * defaults to the process-wide pool. Simple fields are always evaluated in-thread.
   */
  pool?: EvaluationPool;
}

/**
 * Compiles a field spec; a bad shape or bad syntax throws a MappingError naming the problem. Evaluation
 * failures reject with a MappingError; one that had to be stopped (too slow, too much memory) with an
 * EvaluationStoppedError.
 */
export function compileField(spec: FieldSpec, options: CompileFieldOptions = {}): CompiledField {
  const local = compileLocalField(spec, options);
  if (!local.isolated) return local;
  const field = isolatedSpec(options.field ?? 'value', spec, options.html === true);
  const limits = resolveLimits(options.limits);
  const base = { key: evaluationKey([field], limits), fields: [field], limits };
  const evaluate = (context: object): Promise<unknown> =>
    (options.pool ?? evaluationPool()).run({ ...base, context }).then(({ values, errors }) => {
      if (errors.length > 0) {
        const { message, code, position } = errors[0][1];
        throw new MappingError(message, { code, position });
      }
      return values.length > 0 ? values[0][1] : undefined;
    });
  return { kind: local.kind, evaluate, resolve: evaluate };
}
