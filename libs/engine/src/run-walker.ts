import { RetryPolicy } from './retry-policy';
import { ResolvedConnection, StepError, StepExecutor } from './step-executor';
import type { StepDocument } from './workflow-document';

export interface RunContext {
  trigger: Record<string, unknown>;
  steps: Record<string, unknown>;
  workflow: { id: string; name: string };
  run: { id: string; [more: string]: unknown };
}

/** A step ready to run: its document, its executor and its fields compiled once per workflow version. */
export interface CompiledStep {
  step: StepDocument;
  executor: StepExecutor;
  evaluate(context: RunContext): Promise<{ values: Record<string, unknown>; errors: Record<string, string> }>;
}

export type StepOutcome = 'succeeded' | 'failed' | 'filtered';

export interface StepFailure {
  message: string;
  transient?: boolean;
  details?: Record<string, unknown>;
  fields?: Record<string, string>;
}

export interface StepRecord {
  key: string;
  type: string;
  position: number;
  status: StepOutcome;
  attempts: number;
  input: Record<string, unknown> | null;
  output?: unknown;
  error?: StepFailure;
  startedAt: Date;
  finishedAt: Date;
}

export interface RunOutcome {
  status: StepOutcome;
  error?: string;
  /** The key of the step that failed. */
  failedStep?: string;
}

export interface RunWalkerDeps {
  retryPolicy(step: StepDocument): RetryPolicy;
  /** The step's connection with its secrets; rejects with a plain message when it is gone. */
  connection(step: StepDocument): Promise<ResolvedConnection | undefined>;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

/**
 * Walks a run's steps in order. Steps that already succeeded in an earlier attempt of the run (`done`) are
 * not repeated: their outputs are put back into the context. Each finished step is handed to `record`
 * before the next one starts, so a crash never loses a step that had side effects.
 */
export class RunWalker {
  constructor(private readonly deps: RunWalkerDeps) {}

  async walk(
    steps: CompiledStep[],
    context: RunContext,
    done: ReadonlyMap<string, unknown>,
    record: (r: StepRecord) => Promise<void>,
    resumed = false,
  ): Promise<RunOutcome> {
    for (const [position, compiled] of steps.entries()) {
      const { key } = compiled.step;
      if (done.has(key)) {
        context.steps[key] = done.get(key);
        continue;
      }
      const result = await this.runStep(compiled, position, context, resumed);
      await record(result);
      if (result.status === 'failed') return { status: 'failed', error: `step ${key}: ${result.error?.message}`, failedStep: key };
      context.steps[key] = result.output;
      if (result.status === 'filtered') return { status: 'filtered' };
    }
    return { status: 'succeeded' };
  }

  private async runStep(compiled: CompiledStep, position: number, context: RunContext, resumed: boolean): Promise<StepRecord> {
    const { step, executor } = compiled;
    const startedAt = this.deps.now();
    const base = { key: step.key, type: step.type, position, startedAt };
    const { values, errors } = await compiled.evaluate(context);
    if (Object.keys(errors).length > 0) {
      const error = { message: `mapping failed for ${Object.keys(errors).join(', ')}`, fields: errors };
      return { ...base, status: 'failed', attempts: 0, input: values, error, finishedAt: this.deps.now() };
    }
    let connection: ResolvedConnection | undefined;
    try {
      connection = await this.deps.connection(step);
    } catch (e) {
      return { ...base, status: 'failed', attempts: 0, input: values, error: describe(e), finishedAt: this.deps.now() };
    }
    const policy = this.deps.retryPolicy(step);
    for (let attempt = 1; ; attempt++) {
      try {
        const output = await executor.execute(values, { runId: context.run.id, stepKey: step.key, attempt, resumed, connection });
        const status = step.type === 'filter' && !(output as { passed?: boolean }).passed ? 'filtered' : 'succeeded';
        return { ...base, status, attempts: attempt, input: values, output, finishedAt: this.deps.now() };
      } catch (e) {
        const delay = policy.nextDelay(e, attempt);
        if (delay === null) {
          return { ...base, status: 'failed', attempts: attempt, input: values, error: describe(e), finishedAt: this.deps.now() };
        }
        await this.deps.sleep(delay);
      }
    }
  }
}

function describe(e: unknown): StepFailure {
  if (e instanceof StepError) return { message: e.message, transient: e.transient, details: e.details };
  return { message: e instanceof Error ? e.message : String(e) };
}
