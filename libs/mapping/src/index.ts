export * from './mapping-error';
export * from './expression-limits';
export * from './expression-compiler';
export * from './template-helpers';
export * from './template-compiler';
export * from './field-shape';
export * from './compiled-field';
export * from './compiled-field-set';
export * from './validate-field';
export * from './evaluation-stopped-error';
export {
  EvaluationPool,
  DEFAULT_EVALUATION_POOL_OPTIONS,
  configureEvaluationPool,
  closeEvaluationPool,
  type EvaluationPoolOptions,
  type EvaluationIsolation,
} from './evaluation-pool';
export type { EvaluationRequest, EvaluationReply, FieldFailure, IsolatedFieldSpec } from './evaluation-protocol';
