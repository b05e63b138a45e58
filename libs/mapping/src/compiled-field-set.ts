import type { FieldDeclaration, FieldSpec } from '@app/engine';
import { evaluationPool, type EvaluationPool } from './evaluation-pool';
import { evaluationKey, isolatedSpec, type EvaluationReply, type IsolatedFieldSpec } from './evaluation-protocol';
import { EvaluationStoppedError } from './evaluation-stopped-error';
import { resolveLimits, type ExpressionLimits } from './expression-limits';
import { compileLocalField, type LocalField } from './local-field';

export interface FieldSetResult {
  /** Evaluated fields; an expression that matches nothing leaves its field out. */
  values: Record<string, unknown>;
  /** Field name → what went wrong, for fields that failed to compile or to evaluate. */
  errors: Record<string, string>;
}

export interface CompiledFieldSet {
  readonly names: readonly string[];
  /** Fields that failed to compile; evaluate() reports them among its errors every time. */
  readonly compileErrors: Readonly<Record<string, string>>;
  /** Never rejects: every failure, including a stopped evaluation, is reported under its field. */
  evaluate(context: object): Promise<FieldSetResult>;
}

export interface CompileFieldSetOptions {
  limits?: Partial<ExpressionLimits>;
  /** Where fields that could run long are evaluated; defaults to the process-wide pool. */
  pool?: EvaluationPool;
}

/** In declared order: a field evaluated here, or a placeholder for one evaluated in the pool. */
type Slot = { name: string; field: LocalField } | { name: string; field?: undefined };

/**
 * Compiles a step's config once; evaluate() is the per-run hot path. A field that fails never stops the
 * others: each failure is collected under its name, so previews can show every field at once.
 *
 * Simple fields (literals, plain paths and operators, templates without loops) are evaluated in-thread.
 * Fields that could run long inside one native call (function calls, regexes, ranges, looping templates)
 * all go to the evaluation pool together, in one message per evaluation, where an overrun is stopped.
 */
export function compileFieldSet(
  fields: Record<string, FieldSpec>,
  declarations: readonly FieldDeclaration[] = [],
  options: CompileFieldSetOptions = {},
): CompiledFieldSet {
  const html = new Set(declarations.filter((d) => d.html).map((d) => d.name));
  const slots: Slot[] = [];
  const isolated: IsolatedFieldSpec[] = [];
  const compileErrors: Record<string, string> = {};
  for (const name of Object.keys(fields)) {
    try {
      const field = compileLocalField(fields[name], { html: html.has(name), field: name, limits: options.limits });
      if (field.isolated) {
        isolated.push(isolatedSpec(name, fields[name], html.has(name)));
        slots.push({ name });
      } else {
        slots.push({ name, field });
      }
    } catch (err) {
      setOwn(compileErrors, name, messageOf(err));
    }
  }
  const remote = isolated.length > 0 ? new IsolatedFields(isolated, resolveLimits(options.limits), options.pool) : undefined;
  return new FieldSet(Object.keys(fields), slots, remote, compileErrors);
}

/** The fields a set evaluates in the pool: one request per evaluation, compiled once per key by the worker. */
class IsolatedFields {
  private readonly key: string;

  constructor(
    private readonly fields: readonly IsolatedFieldSpec[],
    private readonly limits: Readonly<ExpressionLimits>,
    private readonly pool: EvaluationPool | undefined,
  ) {
    this.key = evaluationKey(fields, limits);
  }

  evaluate(context: object, values: Record<string, unknown>, errors: Record<string, string>): Promise<void> {
    const request = { key: this.key, fields: this.fields, limits: this.limits, context };
    return (this.pool ?? evaluationPool()).run(request).then(
      (reply: EvaluationReply) => {
        for (const [name, value] of reply.values) setOwn(values, name, value);
        for (const [name, failure] of reply.errors) setOwn(errors, name, failure.message);
      },
      (err: unknown) => this.stopped(err, errors),
    );
  }

  /**
   * No reply at all: the field that was running gets the reason; the other pool fields, whose values were
   * lost with the runner or never computed, say which field stopped them.
   */
  private stopped(err: unknown, errors: Record<string, string>): void {
    const message = messageOf(err);
    const running = err instanceof EvaluationStoppedError ? new Set(err.running) : new Set<string>();
    const blamed = running.size > 0 ? running : new Set(this.fields.map((f) => f.name));
    const culprits = [...blamed].join(', ');
    for (const { name } of this.fields) {
      setOwn(errors, name, blamed.has(name) ? message : `no result: the evaluation was stopped because of ${culprits}`);
    }
  }
}

class FieldSet implements CompiledFieldSet {
  private readonly hasCompileErrors: boolean;

  constructor(
    readonly names: readonly string[],
    private readonly slots: readonly Slot[],
    private readonly isolated: IsolatedFields | undefined,
    readonly compileErrors: Readonly<Record<string, string>>,
  ) {
    this.hasCompileErrors = Object.keys(compileErrors).length > 0;
  }

  evaluate(context: object): Promise<FieldSetResult> {
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = this.hasCompileErrors ? { ...this.compileErrors } : {};
    let pending: Promise<void>[] | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const { name, field } = this.slots[i];
      if (!field) {
        // Evaluated in the pool: reserve the key now so values keep the declared field order.
        setOwn(values, name, undefined);
        continue;
      }
      let value: unknown;
      try {
        value = field.resolve(context);
      } catch (err) {
        setOwn(errors, name, messageOf(err));
        continue;
      }
      if (value instanceof Promise) {
        setOwn(values, name, undefined);
        (pending ??= []).push(
          value.then(
            (v) => setOwn(values, name, v),
            (err) => setOwn(errors, name, messageOf(err)),
          ),
        );
      } else if (value !== undefined) {
        setOwn(values, name, value);
      }
    }
    if (this.isolated) (pending ??= []).push(this.isolated.evaluate(context, values, errors));
    if (!pending) return Promise.resolve({ values, errors });
    return Promise.all(pending).then(() => ({ values: dropUndefined(values), errors }));
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Field names come from user documents: "__proto__" must stay a plain key, not a prototype swap. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function dropUndefined(values: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  return values;
}
