import type { FieldDeclaration, StepExecutor } from '@app/engine';
import { FILTER_FIELDS } from './filter.fields';
import { isTruthy } from './jsonata-truthiness.rule';

export interface FilterStepOutput {
  passed: boolean;
}

/**
 * The `filter` action (SPEC §5). It only reports; ending the run as `filtered` when passed is false
 * is the run engine's job, so a filter never throws for a false condition.
 */
export class FilterStep implements StepExecutor<FilterStepOutput> {
  readonly type = 'filter';
  readonly fields: FieldDeclaration[] = FILTER_FIELDS;

  async execute(input: Record<string, unknown>): Promise<FilterStepOutput> {
    return { passed: isTruthy(input.condition) };
  }
}
