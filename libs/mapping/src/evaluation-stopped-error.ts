import { MappingError } from './mapping-error';

/**
 * An evaluation the pool had to stop: it overran its deadline, ran out of memory, or its thread died.
 * `unfinished` names the fields that had not settled when it was stopped (the likely culprits); it is
 * empty when that is not known.
 */
export class EvaluationStoppedError extends MappingError {
  constructor(
    message: string,
    readonly unfinished: readonly string[] = [],
  ) {
    super(message);
    this.name = 'EvaluationStoppedError';
  }
}
