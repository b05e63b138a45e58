import { MappingError } from './mapping-error';

/**
 * An evaluation the pool had to stop: it overran its deadline, ran out of memory, or its runner died.
 * `running` names the fields that were being evaluated at that moment (the culprits); it is empty when
 * that is not known.
 */
export class EvaluationStoppedError extends MappingError {
  constructor(
    message: string,
    readonly running: readonly string[] = [],
  ) {
    super(message);
    this.name = 'EvaluationStoppedError';
  }
}
