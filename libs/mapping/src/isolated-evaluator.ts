import type { EvaluationReply, EvaluationRequest, FieldFailure } from './evaluation-protocol';
import { compileLocalField, type LocalField } from './local-field';
import { LruCache } from './lru-cache';
import { MappingError } from './mapping-error';

interface Entry {
  name: string;
  field?: LocalField;
  failure?: FieldFailure;
}

/** Field `index` started (1) or settled (2). */
export type ProgressMark = (index: number, state: 1 | 2) => void;

const CACHE_SIZE = 1000;

/**
 * The evaluating side of the pool (runs inside a worker thread or process): compiles a request's fields
 * once per key and evaluates them one after the other, reporting each field's start and end through
 * `mark`, so that when the evaluation has to be stopped the pool knows which field was running.
 *
 * One at a time costs nothing: evaluation is CPU-bound, interleaving would not finish any sooner.
 */
export class IsolatedEvaluator {
  private readonly sets = new LruCache<string, Entry[]>(CACHE_SIZE);


  /** Field sets compiled and kept (for tests). */
  get cachedSets(): number {
    return this.sets.size;
  }

  async evaluate(request: EvaluationRequest, mark: ProgressMark = () => undefined): Promise<EvaluationReply> {
    const entries = this.sets.getOrCreate(request.key, () => compile(request));
    const maxBytes = request.limits.maxResultBytes;
    const values: [string, unknown][] = [];
    const errors: [string, FieldFailure][] = [];
    for (let i = 0; i < entries.length; i++) {
      const { name, field, failure } = entries[i];
      mark(i, 1);
      try {
        if (!field) throw failure;
        let value = field.resolve(request.context);
        if (value instanceof Promise) value = await value;
        if (value !== undefined) {
          if (exceeds(value, maxBytes)) {
            throw new MappingError(`expression result is larger than ${formatBytes(maxBytes)}`);
          }
          values.push([name, value]);
        }
      } catch (err) {
        errors.push([name, failureOf(err)]);
      }
      mark(i, 2);
    }
    return { values, errors };
  }
}

function compile(request: EvaluationRequest): Entry[] {
  return request.fields.map(({ name, spec, html }) => {
    try {
      return { name, field: compileLocalField(spec, { html, field: name, limits: request.limits }) };
    } catch (err) {
      return { name, failure: failureOf(err) };
    }
  });
}

export function failureOf(err: unknown): FieldFailure {
  if (err instanceof MappingError) {
    const failure: FieldFailure = { message: err.message };
    if (err.code !== undefined) failure.code = err.code;
    if (err.position !== undefined) failure.position = err.position;
    return failure;
  }
  if (err !== null && typeof err === 'object' && typeof (err as FieldFailure).message === 'string') {
    return { message: (err as FieldFailure).message };
  }
  return { message: String(err) };
}

/**
 * Whether the value's rough JSON size is over budget. Stops counting as soon as it is, so a huge value or
 * a value that shares one object many times over (a DAG) costs at most the budget to measure.
 */
export function exceeds(value: unknown, maxBytes: number): boolean {
  let budget = maxBytes;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') budget -= v.length + 2;
    else if (v === null || typeof v !== 'object') budget -= 8;
    else if (Array.isArray(v)) {
      budget -= 2 + v.length;
      for (let i = 0; i < v.length && budget >= 0; i++) stack.push(v[i]);
    } else {
      const keys = Object.keys(v);
      budget -= 2 + keys.length * 4;
      for (let i = 0; i < keys.length && budget >= 0; i++) {
        budget -= keys[i].length;
        stack.push((v as Record<string, unknown>)[keys[i]]);
      }
    }
    if (budget < 0) return true;
  }
  return false;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/**
 * Replaces values that cannot be structured-cloned (a JSONata function inside an object, say) with an
 * error for their field, so one odd value does not lose the whole reply.
 */
export function cloneableReply(reply: EvaluationReply): EvaluationReply {
  const values: [string, unknown][] = [];
  const errors = [...reply.errors];
  for (const [name, value] of reply.values) {
    try {
      structuredClone(value);
      values.push([name, value]);
    } catch {
      errors.push([name, { message: 'expression result contains a function or another value that is not data' }]);
    }
  }
  return { values, errors };
}
