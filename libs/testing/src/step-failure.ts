import { StepError } from '@app/engine';

/** Awaits a step that must fail, and returns its StepError for assertions. */
export async function failure(promise: Promise<unknown>): Promise<StepError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(StepError);
    return err as StepError;
  }
  throw new Error('expected the step to fail');
}
