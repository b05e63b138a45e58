import { compileLocalField } from './local-field';
import { readFieldShape } from './field-shape';
import { MappingError } from './mapping-error';

/**
 * For API validation and the mapping editor: null when the spec is exactly one of the three forms and
 * compiles, otherwise a human-readable problem.
 */
export function validateField(spec: unknown, options: { html?: boolean } = {}): string | null {
  const shape = readFieldShape(spec);
  if (typeof shape === 'string') return shape;
  try {
    // Compiling is all validation needs; it never starts the evaluation pool.
    compileLocalField(spec as never, options);
    return null;
  } catch (err) {
    if (err instanceof MappingError) return err.message;
    throw err;
  }
}
