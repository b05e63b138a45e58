import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  TRACKED_FIELDS,
  type EvaluateMessage,
  type EvaluationReply,
  type EvaluationRequest,
  type WorkerMessage,
} from './evaluation-protocol';
import { EvaluationStoppedError } from './evaluation-stopped-error';
import { MappingError } from './mapping-error';

export interface EvaluationPoolOptions {
  /** Most threads the pool runs; they are started as work arrives. Default 2. */
  maxThreads?: number;
  /**
   * Added to an evaluation's time budget (ExpressionLimits.timeoutMs) to get its hard deadline, so that
   * JSONata's own, clearer timeout wins whenever it can fire. Default 200 ms.
   */
  deadlineMarginMs?: number;
  /** Per-thread V8 limits; a thread that exceeds them dies and is replaced. */
  resourceLimits?: ResourceLimits;
  /** An idle thread is stopped after this long without work; 0 keeps threads until close(). Default 60 s. */
  idleTimeoutMs?: number;
}

export const DEFAULT_EVALUATION_POOL_OPTIONS: Readonly<Required<EvaluationPoolOptions>> = Object.freeze({
  maxThreads: 2,
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
  worker: Worker;
  /** One byte per field of the running job, set by the worker when the field settles. */
  settled: Uint8Array;
  ready: boolean;
  retired: boolean;
  job?: Job;
  deadline?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/**
 * A small pool of worker threads that evaluate field sets where a runaway can be stopped: a thread that
 * overruns an evaluation's deadline is terminated, one that exceeds its resource limits dies; either way
 * that evaluation fails with a MappingError, a replacement thread starts, and queued evaluations go on.
 *
 * One evaluation per thread at a time (stopping a thread must not take innocent evaluations with it).
 * Idle threads are unref'd, so an idle pool never keeps the process alive.
 */
export class EvaluationPool {
  private readonly options: Required<EvaluationPoolOptions>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: EvaluationPoolOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_EVALUATION_POOL_OPTIONS, ...defined } as Required<EvaluationPoolOptions>;
    if (!(Number.isInteger(this.options.maxThreads) && this.options.maxThreads >= 1)) {
      throw new RangeError('maxThreads must be a whole number of at least 1');
    }
  }

  /** Threads started and not yet stopped (ready, busy or still loading). */
  get threadCount(): number {
    return this.slots.length;
  }

  /** Evaluations waiting for a free thread. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Evaluates the request's fields in a pool thread. Resolves with their values and errors; rejects with a
   * MappingError (an EvaluationStoppedError when the thread was stopped) when there is no reply at all.
   */
  run(request: EvaluationRequest): Promise<EvaluationReply> {
    if (this.closed) return Promise.reject(new MappingError('expression evaluator is shut down'));
    return new Promise<EvaluationReply>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.pump();
    });
  }

  /** Stops every thread; queued and running evaluations fail. The pool cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const shutDown = () => new MappingError('expression evaluator was shut down');
    for (const job of this.queue.splice(0)) job.reject(shutDown());
    const stopping = [...this.slots].map((slot) => {
      const job = slot.job;
      const exited = this.retire(slot);
      job?.reject(shutDown());
      return exited;
    });
    await Promise.all(stopping);
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    let starting = this.slots.filter((s) => !s.ready).length;
    while (this.queue.length > starting && this.slots.length < this.options.maxThreads) {
      this.spawn();
      starting++;
    }
    // A loading thread keeps the process alive only while an evaluation is waiting for it.
    for (const slot of this.slots) {
      if (!slot.ready) {
        if (this.queue.length > 0) slot.worker.ref();
        else slot.worker.unref();
      }
    }
  }

  private spawn(): Slot {
    const settled = new Uint8Array(new SharedArrayBuffer(TRACKED_FIELDS));
    const worker = startWorker({ hookflowEvaluator: true, settled }, this.options.resourceLimits);
    const slot: Slot = { worker, settled, ready: false, retired: false };
    this.slots.push(slot);
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('messageerror', (err: Error) => this.onMessageError(slot, err));
    worker.on('error', (err: Error) => this.onDeath(slot, err));
    worker.on('exit', (code: number) => this.onDeath(slot, new Error(`thread exited with code ${code}`)));
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    const { key, fields, limits, context } = job.request;
    const message: EvaluateMessage = { type: 'evaluate', id: job.id, key, fields, limits, context };
    try {
      slot.worker.postMessage(message);
    } catch (err) {
      // The context could not be cloned (a function, a class instance with private state, ...).
      const detail = err instanceof Error ? err.message : String(err);
      job.reject(new MappingError(`the run context cannot be passed to the expression evaluator: ${detail}`));
      return this.pump();
    }
    slot.job = job;
    slot.worker.ref();
    const timeoutMs = limits.timeoutMs;
    slot.deadline = setTimeout(() => this.onOverrun(slot, job), timeoutMs + this.options.deadlineMarginMs);
    // The busy thread keeps the process alive; the timer need not.
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
    const unfinished = this.unfinished(slot, job);
    void this.retire(slot);
    job.reject(new EvaluationStoppedError(`expression took longer than ${job.request.limits.timeoutMs} ms and was stopped`, unfinished));
    this.replace();
  }

  /** 'error' (uncaught, or out of memory) and 'exit' of a thread we did not stop ourselves. */
  private onDeath(slot: Slot, err: Error & { code?: string }): void {
    if (slot.retired) return;
    const job = slot.job;
    const wasReady = slot.ready;
    const unfinished = job ? this.unfinished(slot, job) : [];
    void this.retire(slot);
    if (job) {
      const message =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'expression used more memory than allowed'
          : `expression evaluator failed: ${err.message}`;
      job.reject(new EvaluationStoppedError(message, unfinished));
    }
    if (!wasReady) {
      // The thread could not even load: fail what is waiting rather than restart in a loop.
      const failure = new MappingError(`expression evaluator could not start: ${err.message}`);
      if (this.slots.every((s) => !s.ready)) for (const waiting of this.queue.splice(0)) waiting.reject(failure);
      return;
    }
    this.replace();
  }

  /** A stopped thread is replaced at once, so queued and later evaluations do not wait for a cold start. */
  private replace(): void {
    if (this.closed) return;
    if (this.slots.length < this.options.maxThreads) {
      const slot = this.spawn();
      if (this.queue.length === 0) slot.worker.unref();
    }
    this.pump();
  }

  private finish(slot: Slot): void {
    if (slot.deadline) clearTimeout(slot.deadline);
    slot.deadline = undefined;
    slot.job = undefined;
  }

  private becomeIdle(slot: Slot): void {
    slot.worker.unref();
    if (this.options.idleTimeoutMs > 0 && !slot.idle) {
      slot.idle = setTimeout(() => {
        slot.idle = undefined;
        if (!slot.job) void this.retire(slot);
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
    return slot.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
  }

  private unfinished(slot: Slot, job: Job): string[] {
    return job.request.fields.filter((_, i) => i >= slot.settled.length || slot.settled[i] === 0).map((f) => f.name);
  }
}

/**
 * From dist the thread runs the compiled evaluation-worker.js. From TypeScript sources (jest, which does
 * not transform worker threads) it runs a bootstrap that compiles the .ts sources with @swc/core, a
 * devDependency, on the fly.
 */
function startWorker(workerData: object, resourceLimits: ResourceLimits): Worker {
  if (path.extname(__filename) === '.ts') {
    const entry = path.join(__dirname, 'evaluation-worker.ts');
    return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry }, resourceLimits });
  }
  return new Worker(path.join(__dirname, 'evaluation-worker.js'), { workerData, resourceLimits });
}

const TS_BOOTSTRAP = `
'use strict';
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const entry = workerData.entry;
const root = path.resolve(path.dirname(entry), '..', '..', '..');
const swc = Module.createRequire(entry)('@swc/core');
const options = (filename) => ({
  filename,
  swcrc: false,
  configFile: false,
  module: { type: 'commonjs' },
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
});
Module._extensions['.ts'] = function (module, filename) {
  module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), options(filename)).code, filename);
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@app\\/([a-z]+)$/.exec(request);
  return resolveFilename.call(this, alias ? path.join(root, 'libs', alias[1], 'src') : request, ...rest);
};
require(entry);
`;

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
