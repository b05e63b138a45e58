import { createHash } from 'node:crypto';
import type { FieldSpec } from '@app/engine';
import type { ExpressionLimits } from './expression-limits';
import { readFieldShape } from './field-shape';

/** A field that is evaluated in the worker pool: an expression or a template, never a literal. */
export interface IsolatedFieldSpec {
  name: string;
  spec: { expr: string } | { template: string };
  /** Escape values inserted by the template (fields declared html). */
  html: boolean;
}

/** One step's isolated fields and its context: one message to a worker, one reply back. */
export interface EvaluationRequest {
  /** Identifies fields + limits, so the worker compiles a field set once and reuses it. */
  key: string;
  fields: readonly IsolatedFieldSpec[];
  limits: Readonly<ExpressionLimits>;
  context: object;
}

export interface FieldFailure {
  message: string;
  code?: string;
  position?: number;
}

/** Pairs rather than objects: a field may be called "__proto__", which must stay a plain key. */
export interface EvaluationReply {
  /** Fields that produced a value; a field that matched nothing is absent. */
  values: [string, unknown][];
  errors: [string, FieldFailure][];
}

export interface EvaluateMessage extends EvaluationRequest {
  type: 'evaluate';
  id: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | ({ type: 'result'; id: number } & EvaluationReply);

/**
 * A runner's last progress mark: field `index` of evaluation `id` started (state 1) or settled (state 2).
 * Fields are evaluated one after the other, so a stop during state 1 names the field that ran.
 */
export interface ProgressMarkRecord {
  id: number;
  index: number;
  state: number;
}

/** A mark is three little-endian int32s: id, index, state. */
export const MARK_BYTES = 12;

/** The file descriptor a child process writes its marks to. */
export const PROGRESS_FD = 4;

export function readMark(marks: Int32Array): ProgressMarkRecord | undefined {
  const [id, index, state] = marks;
  return id > 0 ? { id, index, state } : undefined;
}

export function evaluationKey(fields: readonly IsolatedFieldSpec[], limits: Readonly<ExpressionLimits>): string {
  const canonical = JSON.stringify([
    limits.timeoutMs,
    limits.maxDepth,
    limits.maxSequence,
    fields.map((f) => ('expr' in f.spec ? ['e', f.name, f.spec.expr] : ['t', f.name, f.html ? 1 : 0, f.spec.template])),
  ]);
  return createHash('sha1').update(canonical).digest('base64');
}

/** The wire form of a field that compiled and is evaluated in the pool. */
export function isolatedSpec(name: string, spec: FieldSpec, html: boolean): IsolatedFieldSpec {
  const shape = readFieldShape(spec);
  if (typeof shape === 'string' || shape.kind === 'value') {
    throw new Error(`field ${name} is not an expression or a template`);
  }
  return { name, spec: shape.kind === 'expr' ? { expr: shape.text } : { template: shape.text }, html };
}
