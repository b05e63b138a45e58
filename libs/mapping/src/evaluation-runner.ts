import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { TRACKED_FIELDS, type EvaluateMessage, type WorkerMessage } from './evaluation-protocol';

/**
 * Where a pool slot evaluates:
 * - 'process': a child Node process. Every failure, including V8 aborting on a huge allocation, stays in
 *   the child. The default.
 * - 'thread': a worker thread with resourceLimits. Cheaper to start, but V8 aborts the WHOLE process when
 *   one allocation overshoots the thread's heap limit (nodejs/node#47224): `$uppercase` of a 2^27-char
 *   string built with `&`, or `$pad("", 1e8, "xy")`, kills the host. Only for trusted expressions.
 */
export type EvaluationIsolation = 'process' | 'thread';

/** Why a runner went away without being asked to. */
export interface RunnerExit {
  outOfMemory: boolean;
  detail: string;
}

export interface RunnerEvents {
  message(message: WorkerMessage): void;
  /** The message from the runner could not be deserialized. */
  messageError(err: Error): void;
  exit(exit: RunnerExit): void;
}

export interface Runner {
  /**
   * Per field of the evaluation sent last: 0 not started, 1 running, 2 settled. Written as the runner goes,
   * so that after a stop the pool can tell which field was running.
   */
  readonly states: Uint8Array;
  /** Throws when the message cannot be serialized (a function in the context, say). */
  send(message: EvaluateMessage): void;
  /** Whether the runner keeps the host process alive: yes while it works for it, no while idle. */
  setRef(ref: boolean): void;
  kill(): Promise<void>;
}

export interface RunnerOptions {
  isolation: EvaluationIsolation;
  resourceLimits: ResourceLimits;
}

/**
 * From dist the runner loads the compiled evaluation-worker.js. From TypeScript sources (jest, which does
 * not transform worker threads or child processes) it loads evaluation-worker.ts through a bootstrap that
 * compiles .ts files with @swc/core, a devDependency, on the fly.
 */
export function startRunner(options: RunnerOptions, events: RunnerEvents): Runner {
  const fromSources = path.extname(__filename) === '.ts';
  const entry = path.join(__dirname, fromSources ? 'evaluation-worker.ts' : 'evaluation-worker.js');
  return options.isolation === 'thread'
    ? new ThreadRunner(entry, fromSources, options.resourceLimits, events)
    : new ProcessRunner(entry, fromSources, options.resourceLimits, events);
}

class ThreadRunner implements Runner {
  private readonly worker: Worker;
  /** Shared with the thread, which writes the states itself. */
  readonly states = new Uint8Array(new SharedArrayBuffer(TRACKED_FIELDS));
  private reported = false;

  constructor(entry: string, fromSources: boolean, resourceLimits: ResourceLimits, private readonly events: RunnerEvents) {
    const workerData = { hookflowEvaluator: 'thread', states: this.states };
    this.worker = fromSources
      ? new Worker(tsBootstrap(entry), { eval: true, workerData, resourceLimits, stdout: false, stderr: false })
      : new Worker(entry, { workerData, resourceLimits });
    this.worker.on('message', (message: WorkerMessage) => events.message(message));
    this.worker.on('messageerror', (err: Error) => events.messageError(err));
    this.worker.on('error', (err: Error & { code?: string }) =>
      this.exited({ outOfMemory: err.code === 'ERR_WORKER_OUT_OF_MEMORY', detail: err.message }),
    );
    this.worker.on('exit', (code: number) => this.exited({ outOfMemory: false, detail: `thread exited with code ${code}` }));
  }

  send(message: EvaluateMessage): void {
    this.states.fill(0, 0, Math.min(message.fields.length, TRACKED_FIELDS));
    this.worker.postMessage(message);
  }

  setRef(ref: boolean): void {
    if (ref) this.worker.ref();
    else this.worker.unref();
  }

  kill(): Promise<void> {
    this.reported = true;
    return this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
  }

  private exited(exit: RunnerExit): void {
    if (this.reported) return;
    this.reported = true;
    this.events.exit(exit);
  }
}

class ProcessRunner implements Runner {
  private readonly child: ChildProcess;
  /** Kept from the child's progress lines (fd 4) for the evaluation in flight. */
  readonly states = new Uint8Array(TRACKED_FIELDS);
  private current = 0;
  private stderrTail = '';
  private reported = false;
  private progressBuffer = '';

  constructor(entry: string, fromSources: boolean, limits: ResourceLimits, private readonly events: RunnerEvents) {
    const execArgv: string[] = [];
    if (limits.maxOldGenerationSizeMb) execArgv.push(`--max-old-space-size=${limits.maxOldGenerationSizeMb}`);
    if (limits.maxYoungGenerationSizeMb) {
      // V8's young generation is three semi-spaces.
      execArgv.push(`--max-semi-space-size=${Math.max(1, Math.round(limits.maxYoungGenerationSizeMb / 3))}`);
    }
    const args = fromSources ? [...execArgv, '-e', tsBootstrap(entry)] : [...execArgv, entry];
    this.child = spawn(process.execPath, args, {
      // fd 3: the IPC channel; fd 4: field progress, written synchronously so it survives a kill.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc', 'pipe'],
      serialization: 'advanced',
      // Nothing from the host's environment (secrets, NODE_OPTIONS) reaches the evaluator.
      env: { HOOKFLOW_EVALUATOR: 'process' },
      windowsHide: true,
    });
    this.child.on('message', (message: WorkerMessage) => events.message(message));
    this.child.on('error', (err: Error) => this.exited({ outOfMemory: false, detail: err.message }));
    this.child.on('exit', (code, signal) => {
      // V8 aborts (SIGABRT) when the heap limit is reached; its message is on stderr.
      const outOfMemory = signal === 'SIGABRT' || /heap out of memory|Allocation failed/.test(this.stderrTail);
      const detail = signal ? `evaluator process was killed by ${signal}` : `evaluator process exited with code ${code}`;
      // Progress written just before the end may still be in the pipe: read it first.
      setImmediate(() => this.exited({ outOfMemory, detail }));
    });
    const stderr = this.child.stderr as Readable & { unref?(): void };
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4096);
    });
    stderr.unref?.();
    const progress = this.child.stdio[4] as Readable & { unref?(): void };
    progress.setEncoding('latin1');
    progress.on('data', (chunk: string) => this.onProgress(chunk));
    progress.unref?.();
  }

  send(message: EvaluateMessage): void {
    this.states.fill(0, 0, Math.min(message.fields.length, TRACKED_FIELDS));
    this.current = message.id;
    // With 'advanced' serialization, a value that cannot be cloned throws here, synchronously.
    this.child.send(message, (err) => {
      if (err) this.exited({ outOfMemory: false, detail: err.message });
    });
  }

  setRef(ref: boolean): void {
    const channel = this.child.channel as { ref?(): void; unref?(): void } | undefined;
    if (ref) {
      this.child.ref();
      channel?.ref?.();
    } else {
      this.child.unref();
      channel?.unref?.();
    }
  }

  kill(): Promise<void> {
    this.reported = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  /** Lines of `<id> <index> <state>`. */
  private onProgress(chunk: string): void {
    const lines = (this.progressBuffer + chunk).split('\n');
    this.progressBuffer = lines.pop() ?? '';
    for (const line of lines) {
      const [id, index, state] = line.split(' ').map(Number);
      if (id === this.current && index >= 0 && index < TRACKED_FIELDS && (state === 1 || state === 2)) {
        this.states[index] = state;
      }
    }
  }

  private exited(exit: RunnerExit): void {
    if (this.reported) return;
    this.reported = true;
    this.events.exit(exit);
  }
}

/** Loads a TypeScript entry with @swc/core and resolves the monorepo's `@app/<lib>` aliases. */
function tsBootstrap(entry: string): string {
  return `
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const entry = ${JSON.stringify(entry)};
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
}
