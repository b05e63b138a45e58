import type { EvaluationReply, EvaluationRequest, FieldFailure } from './evaluation-protocol';
import { compileLocalField, type LocalField } from './local-field';
import { LruCache } from './lru-cache';
import { MappingError } from './mapping-error';

interface Entry {
  name: string;
  field?: LocalField;
  failure?: FieldFailure;
}

const CACHE_SIZE = 1000;

/**
 * The worker side of the pool: compiles a request's fields once per key, evaluates them in-thread and
 * marks each field in `settled` as it finishes, so that after a stop the pool can tell which field was
 * still running.
 */
export class IsolatedEvaluator {
  private readonly sets = new LruCache<string, Entry[]>(CACHE_SIZE);

  constructor(private readonly settled?: Uint8Array) {}

  get cachedSets(): number {
    return this.sets.size;
  }

  async evaluate(request: EvaluationRequest): Promise<EvaluationReply> {
    const entries = this.sets.getOrCreate(request.key, () => compile(request));
    const settled = this.settled;
    if (settled) settled.fill(0, 0, Math.min(entries.length, settled.length));
    const mark = (i: number) => {
      if (settled && i < settled.length) settled[i] = 1;
    };
    const values: [string, unknown][] = [];
    const errors: [string, FieldFailure][] = [];
    let pending: Promise<void>[] | undefined;
    for (let i = 0; i < entries.length; i++) {
      const { name, field, failure } = entries[i];
      if (!field) {
        errors.push([name, failure!]);
        mark(i);
        continue;
      }
      let value: unknown;
      try {
        value = field.resolve(request.context);
      } catch (err) {
        errors.push([name, failureOf(err)]);
        mark(i);
        continue;
      }
      if (value instanceof Promise) {
        (pending ??= []).push(
          value.then(
            (v) => {
              if (v !== undefined) values.push([name, v]);
              mark(i);
            },
            (err) => {
              errors.push([name, failureOf(err)]);
              mark(i);
            },
          ),
        );
      } else {
        if (value !== undefined) values.push([name, value]);
        mark(i);
      }
    }
    if (pending) await Promise.all(pending);
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
  return { message: err instanceof Error ? err.message : String(err) };
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
