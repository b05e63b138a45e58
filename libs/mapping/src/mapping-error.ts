export interface MappingErrorDetails {
  /** The config field the problem belongs to, when known. */
  field?: string;
  /** Character offset in the expression or template where the problem was detected, when known. */
  position?: number;
  /** The engine's own error code (e.g. JSONata's S0203), when there is one. */
  code?: string;
}

/** A field that cannot be compiled or evaluated. Terminal for a step: retrying will not help. */
export class MappingError extends Error {
  readonly field?: string;
  readonly position?: number;
  readonly code?: string;

  constructor(message: string, details: MappingErrorDetails = {}) {
    super(message);
    this.name = 'MappingError';
    this.field = details.field;
    this.position = details.position;
    this.code = details.code;
  }

  /** The same problem, attributed to a field. */
  forField(field: string): MappingError {
    return new MappingError(this.message, { field, position: this.position, code: this.code });
  }
}
