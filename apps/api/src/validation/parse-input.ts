import { z } from 'zod';
import { AppError, ErrorCode } from '@app/common';

/** Validates input at the edge; the first problem becomes the detail, all of them are listed. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError(ErrorCode.ValidationFailed, `${errors[0].path || 'input'}: ${errors[0].message}`, { errors });
}

export const limitParam = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
