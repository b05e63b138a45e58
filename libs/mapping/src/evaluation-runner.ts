import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  MARK_BYTES,
  PROGRESS_FD,
  readMark,
  type EvaluateMessage,
  type ProgressMarkRecord,
  type WorkerMessage,
} from './evaluation-protocol';

/**
 * Where a pool slot evaluates:
 * - 'process': a child Node process. Every failure, including V8 aborting on a huge allocation, stays in
 *   the child. The default.
 * - 'thread': a worker thread with resourceLimits. Cheaper per evaluation, but V8 aborts the WHOLE process
 *   when one allocation overshoots the thread's heap limit (nodejs/node#47224): `$uppercase` of a
 *   2^27-character string built with `&`, or `$pad("", 1e8, "xy")`, kills the host. Trusted expressions only.
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
   * The runner's last progress mark (which field of which evaluation started or settled), written by the
   * runner as it goes and read only when an evaluation has to be stopped, to name the field that ran.
   */
  lastMark(): ProgressMarkRecord | undefined;
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
  /** Shared with the thread, which writes its marks there. */
  private readonly marks = new Int32Array(new SharedArrayBuffer(MARK_BYTES));
  private reported = false;

  constructor(entry: string, fromSources: boolean, resourceLimits: ResourceLimits, private readonly events: RunnerEvents) {
    const workerData = { hookflowEvaluator: 'thread', marks: this.marks };
    this.worker = fromSources
      ? new Worker(tsBootstrap(entry), { eval: true, workerData, resourceLimits })
      : new Worker(entry, { workerData, resourceLimits });
    this.worker.on('message', (message: WorkerMessage) => events.message(message));
    this.worker.on('messageerror', (err: Error) => events.messageError(err));
    this.worker.on('error', (err: Error & { code?: string }) =>
      this.exited({ outOfMemory: err.code === 'ERR_WORKER_OUT_OF_MEMORY', detail: err.message }),
    );
    this.worker.on('exit', (code: number) => this.exited({ outOfMemory: false, detail: `thread exited with code ${code}` }));
  }

  lastMark(): ProgressMarkRecord | undefined {
    return readMark(this.marks);
  }

  send(message: EvaluateMessage): void {
    this.worker.postMessage(message);
  }

  setRef(ref: boolean): void {
    if (ref) this.worker.ref();
    else this.worker.unref();
  }

  kill(): Promise<void> {
    this.reported = true;
    // An idle (unref'd) thread would let the host exit before the termination is observed.
    this.worker.ref();
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
  /**
   * A small unlinked temp file the child overwrites (pwrite at offset 0) with its last mark: one syscall
   * per mark in the child and no work at all in the host until a stop, when it is read once.
   */
  private marksFd: number | undefined;
  private closed = false;
  private stderrTail = '';
  private reported = false;

  constructor(entry: string, fromSources: boolean, limits: ResourceLimits, private readonly events: RunnerEvents) {
    const execArgv: string[] = [];
    if (limits.maxOldGenerationSizeMb) execArgv.push(`--max-old-space-size=${limits.maxOldGenerationSizeMb}`);
    if (limits.maxYoungGenerationSizeMb) {
      // V8's young generation is three semi-spaces.
      execArgv.push(`--max-semi-space-size=${Math.max(1, Math.round(limits.maxYoungGenerationSizeMb / 3))}`);
    }
    const args = fromSources ? [...execArgv, '-e', tsBootstrap(entry)] : [...execArgv, entry];
    const marksFile = path.join(os.tmpdir(), `hookflow-eval-${process.pid}-${randomBytes(6).toString('hex')}`);
    this.marksFd = fs.openSync(marksFile, 'wx+', 0o600);
    // fd 3: the IPC channel; then the marks file, as the child's PROGRESS_FD.
    const stdio: (string | number)[] = ['ignore', 'ignore', 'pipe', 'ipc'];
    stdio[PROGRESS_FD] = this.marksFd;
    try {
      this.child = spawn(process.execPath, args, {
        stdio: stdio as StdioOptions,
        serialization: 'advanced',
        env: evaluatorEnv(),
        windowsHide: true,
      });
    } catch (err) {
      this.closeMarks();
      throw err;
    } finally {
      // Both ends hold it open; nothing is left behind whatever happens next.
      fs.rmSync(marksFile, { force: true });
    }
    this.child.on('message', (message: WorkerMessage) => events.message(message));
    this.child.on('error', (err: Error) => this.exited({ outOfMemory: false, detail: err.message }));
    this.child.on('exit', (code, signal) => {
      // V8 aborts (SIGABRT) when the heap limit is reached; its message is on stderr.
      const outOfMemory = signal === 'SIGABRT' || /heap out of memory|Allocation failed/.test(this.stderrTail);
      const detail = signal ? `evaluator process was killed by ${signal}` : `evaluator process exited with code ${code}`;
      // Let the last of stderr arrive first.
      setImmediate(() => this.exited({ outOfMemory, detail }));
    });
    this.child.on('close', () => {
      this.closed = true;
    });
    const stderr = this.child.stderr as Readable & { unref?(): void };
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4096);
    });
    stderr.on('error', () => undefined);
    stderr.unref?.();
  }

  lastMark(): ProgressMarkRecord | undefined {
    if (this.marksFd === undefined) return undefined;
    try {
      const buffer = Buffer.alloc(MARK_BYTES);
      if (fs.readSync(this.marksFd, buffer, 0, MARK_BYTES, 0) !== MARK_BYTES) return undefined;
      return readMark(new Int32Array(buffer.buffer, buffer.byteOffset, MARK_BYTES / 4));
    } catch {
      return undefined;
    }
  }

  send(message: EvaluateMessage): void {
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
    // The pool has read the last mark by now; the child holds its own descriptor.
    this.closeMarks();
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // 'close': exited and its pipes are closed, so nothing of it is left in the host's event loop.
      this.child.once('close', () => resolve());
      // Should a child that never started emit no 'close', do not hang a shutdown on it.
      setTimeout(resolve, 2000).unref();
      // An idle (unref'd) child would let the host exit before its exit is observed.
      this.child.ref();
      this.child.kill('SIGKILL');
    });
  }

  private closeMarks(): void {
    if (this.marksFd === undefined) return;
    const fd = this.marksFd;
    this.marksFd = undefined;
    fs.close(fd, () => undefined);
  }

  private exited(exit: RunnerExit): void {
    if (this.reported) return;
    this.reported = true;
    this.events.exit(exit);
  }
}

/**
 * Nothing from the host's environment (secrets, NODE_OPTIONS) reaches the evaluator, except what makes
 * results the same as in-thread: the time zone (dates without an offset) and the locale.
 */
function evaluatorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { HOOKFLOW_EVALUATOR: 'process' };
  for (const name of ['TZ', 'LANG', 'LC_ALL']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
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
