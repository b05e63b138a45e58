import { StepError } from '@app/engine';

/** Awaits a promise that must reject with an instance of `type`, and returns the error for assertions. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) throw new Error(`expected a ${type.name}, but the promise resolved`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as E;
}

/** Awaits a step that must fail, and returns its StepError. */
export const failure = (promise: Promise<unknown>): Promise<StepError> => rejectionOf(promise, StepError);

/** Everything a step run would record about a failure: what must never hold a secret. */
export const recorded = (err: StepError): string => JSON.stringify({ message: err.message, details: err.details });
