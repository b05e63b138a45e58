import type { FieldDeclaration, FieldSpec } from '@app/engine';
import { compileField, type CompiledField } from './compiled-field';
import type { ExpressionLimits } from './expression-limits';

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
  evaluate(context: object): Promise<FieldSetResult>;
}

export interface CompileFieldSetOptions {
  limits?: Partial<ExpressionLimits>;
}

/**
 * Compiles a step's config once; evaluate() is the per-run hot path. A field that fails never stops the
 * others: each failure is collected under its name, so previews can show every field at once.
 */
export function compileFieldSet(
  fields: Record<string, FieldSpec>,
  declarations: readonly FieldDeclaration[] = [],
  options: CompileFieldSetOptions = {},
): CompiledFieldSet {
  const html = new Set(declarations.filter((d) => d.html).map((d) => d.name));
  const compiled: { name: string; field: CompiledField }[] = [];
  const compileErrors: Record<string, string> = {};
  for (const name of Object.keys(fields)) {
    try {
      compiled.push({ name, field: compileField(fields[name], { html: html.has(name), field: name, ...options }) });
    } catch (err) {
      setOwn(compileErrors, name, messageOf(err));
    }
  }
  return new FieldSet(Object.keys(fields), compiled, compileErrors);
}

class FieldSet implements CompiledFieldSet {
  private readonly hasCompileErrors: boolean;

  constructor(
    readonly names: readonly string[],
    private readonly fields: readonly { name: string; field: CompiledField }[],
    readonly compileErrors: Readonly<Record<string, string>>,
  ) {
    this.hasCompileErrors = Object.keys(compileErrors).length > 0;
  }

  evaluate(context: object): Promise<FieldSetResult> {
    const values: Record<string, unknown> = {};
    const errors: Record<string, string> = this.hasCompileErrors ? { ...this.compileErrors } : {};
    let pending: Promise<void>[] | undefined;
    for (let i = 0; i < this.fields.length; i++) {
      const { name, field } = this.fields[i];
      let value: unknown;
      try {
        value = field.resolve(context);
      } catch (err) {
        setOwn(errors, name, messageOf(err));
        continue;
      }
      if (value instanceof Promise) {
        // Reserve the key now so values keep the declared field order.
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
