import type { ExpressionLimits } from './expression-limits';
import { MappingError } from './mapping-error';

/** JSONata throws plain objects ({ code, position, message, ... }), not Errors. */
interface JsonataFailure {
  code?: string;
  position?: number;
  message?: string;
}

export function expressionSyntaxError(err: unknown): MappingError {
  const { code, position, message } = asFailure(err);
  const where = position === undefined ? '' : ` at position ${position}`;
  return new MappingError(`JSONata syntax error${where}: ${message}`, { code, position });
}

export function expressionEvaluationError(err: unknown, limits: ExpressionLimits): MappingError {
  if (err instanceof MappingError) return err;
  const { code, position, message } = asFailure(err);
  // The guardrails' own messages talk about JSONata internals; say what the user's expression did.
  switch (code) {
    case 'D1012':
      return new MappingError(`expression took longer than ${limits.timeoutMs} ms`, { code });
    case 'D1011':
      return new MappingError(`expression nests deeper than ${limits.maxDepth} levels (runaway recursion?)`, {
        code,
      });
    case 'D2015':
      return new MappingError(`expression builds a sequence longer than ${limits.maxSequence} items`, { code });
  }
  if (err instanceof RangeError) {
    return new MappingError(`expression ran out of stack or memory: ${err.message}`);
  }
  const where = position === undefined ? '' : ` (at position ${position})`;
  return new MappingError(`${message}${where}`, { code, position });
}

function asFailure(err: unknown): { code?: string; position?: number; message: string } {
  if (err !== null && typeof err === 'object') {
    const f = err as JsonataFailure;
    return {
      code: typeof f.code === 'string' ? f.code : undefined,
      position: typeof f.position === 'number' ? f.position : undefined,
      message: typeof f.message === 'string' && f.message ? f.message : 'expression failed',
    };
  }
  return { message: String(err) };
}
