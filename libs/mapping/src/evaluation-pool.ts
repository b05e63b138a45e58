import type { ResourceLimits } from 'node:worker_threads';
import {
  type EvaluateMessage,
  type EvaluationReply,
  type EvaluationRequest,
  type WorkerMessage,
} from './evaluation-protocol';
import { startRunner, type EvaluationIsolation, type Runner, type RunnerExit } from './evaluation-runner';
import { EvaluationStoppedError } from './evaluation-stopped-error';
import { MappingError } from './mapping-error';

export type { EvaluationIsolation } from './evaluation-runner';

export interface EvaluationPoolOptions {
  /** Most runners the pool keeps; they are started as work arrives. Default 2. */
  maxThreads?: number;
  /** Child processes (default; contain every crash) or worker threads (see EvaluationIsolation). */
  isolation?: EvaluationIsolation;
  /**
   * Added to an evaluation's time budget (ExpressionLimits.timeoutMs) to get its hard deadline, so that
   * JSONata's own, clearer timeout wins whenever it can fire. Default 200 ms.
   */
  deadlineMarginMs?: number;
  /**
   * V8 heap limits per runner: a thread's resourceLimits, or a process's --max-old-space-size and
   * --max-semi-space-size (stackSizeMb applies to threads only). A runner over its limits dies and is replaced.
   */
  resourceLimits?: ResourceLimits;
  /** An idle runner is stopped after this long without work; 0 keeps runners until close(). Default 60 s. */
  idleTimeoutMs?: number;
}

export const DEFAULT_EVALUATION_POOL_OPTIONS: Readonly<Required<EvaluationPoolOptions>> = Object.freeze({
  maxThreads: 2,
  isolation: 'process',
  deadlineMarginMs: 200,
  resourceLimits: Object.freeze({ maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 }),
  idleTimeoutMs: 60_000,
});

interface Job {
  id: number;
  request: EvaluationRequest;
  resolve(reply: EvaluationReply): void;
  reject(err: Error): void;
}

interface Slot {
  runner: Runner;
  ready: boolean;
  retired: boolean;
  job?: Job;
  deadline?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/**
 * A small pool of runners (child processes or worker threads) that evaluate field sets where a runaway
 * can be stopped: a runner that overruns an evaluation's deadline is killed, one that exceeds its memory
 * limits dies; either way that evaluation fails with a MappingError, a replacement starts, and queued
 * evaluations go on.
 *
 * One evaluation per runner at a time (stopping a runner must not take innocent evaluations with it).
 * Idle runners are unref'd, so an idle pool never keeps the process alive.
 */
export class EvaluationPool {
  private readonly options: Required<EvaluationPoolOptions>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Set by close(): no new evaluations; those already queued or running still finish. */
  private closing?: Promise<void>;
  private drained?: () => void;

  constructor(options: EvaluationPoolOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_EVALUATION_POOL_OPTIONS, ...defined } as Required<EvaluationPoolOptions>;
    const { maxThreads, isolation } = this.options;
    if (!(Number.isInteger(maxThreads) && maxThreads >= 1)) {
      throw new RangeError('maxThreads must be a whole number of at least 1');
    }
    if (isolation !== 'process' && isolation !== 'thread') throw new RangeError("isolation must be 'process' or 'thread'");
  }

  get isolation(): EvaluationIsolation {
    return this.options.isolation;
  }

  /** Runners started and not yet stopped (ready, busy or still loading). */
  get threadCount(): number {
    return this.slots.length;
  }

  /** Evaluations waiting for a free runner. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Evaluates the request's fields in a runner. Resolves with their values and errors; rejects with a
   * MappingError (an EvaluationStoppedError when the runner was stopped) when there is no reply at all.
   */
  run(request: EvaluationRequest): Promise<EvaluationReply> {
    if (this.closing) return Promise.reject(new MappingError('expression evaluator is shut down'));
    return new Promise<EvaluationReply>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.pump();
    });
  }

  /**
   * Shuts the pool down: new evaluations are refused, those already queued or running finish (each is
   * bounded by its deadline), then every runner is stopped. A run in flight during an application
   * shutdown thus gets its real result rather than a spurious mapping error.
   */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.drained = resolve;
      this.checkDrained();
    }).then(() => Promise.all([...this.slots].map((slot) => this.retire(slot))).then(() => undefined));
    return this.closing;
  }

  private checkDrained(): void {
    if (this.drained && this.queue.length === 0 && this.slots.every((s) => !s.job)) {
      const resolve = this.drained;
      this.drained = undefined;
      resolve();
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    let starting = this.slots.filter((s) => !s.ready).length;
    while (this.queue.length > starting && this.slots.length < this.options.maxThreads) {
      if (!this.spawn()) break;
      starting++;
    }
    // A loading runner keeps the process alive only while an evaluation is waiting for it.
    for (const slot of this.slots) if (!slot.ready) slot.runner.setRef(this.queue.length > 0);
    this.checkDrained();
  }

  private spawn(): Slot | undefined {
    const slot = { ready: false, retired: false } as Slot;
    try {
      slot.runner = startRunner(
        { isolation: this.options.isolation, resourceLimits: this.options.resourceLimits },
        {
          message: (message) => this.onMessage(slot, message),
          messageError: (err) => this.onMessageError(slot, err),
          exit: (exit) => this.onExit(slot, exit),
        },
      );
    } catch (err) {
      // Out of file descriptors or processes, say: fail what is waiting, the next run() tries again.
      if (this.slots.every((s) => !s.ready)) {
        const failure = new MappingError(`expression evaluator could not start: ${messageOf(err)}`);
        for (const waiting of this.queue.splice(0)) waiting.reject(failure);
      }
      return undefined;
    }
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    const { key, fields, limits, context } = job.request;
    const message: EvaluateMessage = { type: 'evaluate', id: job.id, key, fields, limits, context };
    try {
      slot.runner.send(message);
    } catch (err) {
      const detail = messageOf(err);
      if (/could not be cloned|DataCloneError/i.test(`${nameOf(err)} ${detail}`)) {
        // The context could not be serialized (a function, say): nothing was sent.
        job.reject(new MappingError(`the run context cannot be passed to the expression evaluator: ${detail}`));
        this.becomeIdle(slot);
        return this.pump();
      }
      // The runner's channel is gone.
      job.reject(new MappingError(`expression evaluator failed: ${detail}`));
      void this.retire(slot);
      return this.replace();
    }
    slot.job = job;
    slot.runner.setRef(true);
    slot.deadline = setTimeout(() => this.onOverrun(slot, job), limits.timeoutMs + this.options.deadlineMarginMs);
    // The busy runner keeps the process alive; the timer need not.
    slot.deadline.unref();
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (slot.retired) return;
    if (message.type === 'ready') {
      slot.ready = true;
      this.becomeIdle(slot);
      this.pump();
      return;
    }
    const job = slot.job;
    if (message.type !== 'result' || !job || job.id !== message.id) return;
    this.finish(slot);
    job.resolve({ values: message.values, errors: message.errors });
    this.becomeIdle(slot);
    this.pump();
  }

  private onMessageError(slot: Slot, err: Error): void {
    const job = slot.job;
    if (slot.retired || !job) return;
    this.finish(slot);
    job.reject(new MappingError(`expression result could not be read: ${err.message}`));
    this.becomeIdle(slot);
    this.pump();
  }

  private onOverrun(slot: Slot, job: Job): void {
    if (slot.retired || slot.job !== job) return;
    const running = this.running(slot, job);
    void this.retire(slot);
    const timeoutMs = job.request.limits.timeoutMs;
    job.reject(new EvaluationStoppedError(`expression took longer than ${timeoutMs} ms and was stopped`, running));
    this.replace();
  }

  /** A runner we did not stop went away: out of memory, a crash, or it could not even start. */
  private onExit(slot: Slot, exit: RunnerExit): void {
    if (slot.retired) return;
    const job = slot.job;
    const wasReady = slot.ready;
    const running = job ? this.running(slot, job) : [];
    void this.retire(slot);
    if (job) {
      const message = exit.outOfMemory
        ? 'expression used more memory than allowed'
        : `expression evaluator failed: ${exit.detail}`;
      job.reject(new EvaluationStoppedError(message, running));
    }
    if (!wasReady) {
      // Could not load: fail what is waiting rather than restart in a loop. The next run() tries again.
      if (this.slots.every((s) => !s.ready)) {
        const failure = new MappingError(`expression evaluator could not start: ${exit.detail}`);
        for (const waiting of this.queue.splice(0)) waiting.reject(failure);
      }
      return this.pump();
    }
    this.replace();
  }

  /** A stopped runner is replaced at once, so queued and later evaluations do not wait for a cold start. */
  private replace(): void {
    // While closing, only if evaluations are still waiting.
    if (this.slots.length < this.options.maxThreads && (!this.closing || this.queue.length > 0)) this.spawn();
    this.pump();
  }

  private finish(slot: Slot): void {
    if (slot.deadline) clearTimeout(slot.deadline);
    slot.deadline = undefined;
    slot.job = undefined;
  }

  private becomeIdle(slot: Slot): void {
    slot.runner.setRef(false);
    if (this.options.idleTimeoutMs > 0 && !slot.idle) {
      slot.idle = setTimeout(() => {
        slot.idle = undefined;
        if (!slot.job && !slot.retired) void this.retire(slot);
      }, this.options.idleTimeoutMs);
      slot.idle.unref();
    }
  }

  private retire(slot: Slot): Promise<void> {
    slot.retired = true;
    this.finish(slot);
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    return slot.runner.kill();
  }

  /** The field that was running when the evaluation was stopped (the culprit), when known. */
  private running(slot: Slot, job: Job): string[] {
    const mark = slot.runner.lastMark();
    const field = mark && mark.id === job.id && mark.state === 1 ? job.request.fields[mark.index] : undefined;
    return field ? [field.name] : [];
  }
}

// Errors may come from another realm (jest's sandbox, say): read them by shape, not with instanceof.
function messageOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

function nameOf(err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}

let shared: EvaluationPool | undefined;
let sharedOptions: EvaluationPoolOptions = {};

/** The process-wide pool, created on first use. */
export function evaluationPool(): EvaluationPool {
  return (shared ??= new EvaluationPool(sharedOptions));
}

/**
 * Options for the process-wide pool (e.g. maxThreads from configuration). Call at boot: a pool already
 * running is closed, and the next evaluation starts one with these options.
 */
export function configureEvaluationPool(options: EvaluationPoolOptions): void {
  new EvaluationPool(options); // validates without starting threads
  sharedOptions = { ...options };
  const running = shared;
  shared = undefined;
  void running?.close();
}

/** Stops the process-wide pool's threads (application shutdown). A later evaluation starts a new pool. */
export function closeEvaluationPool(): Promise<void> {
  const running = shared;
  shared = undefined;
  return running ? running.close() : Promise.resolve();
}
