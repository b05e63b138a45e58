/**
 * Entry point of an evaluation pool runner (see evaluation-pool.ts and evaluation-runner.ts), in a worker
 * thread or a child process. Loaded as compiled JavaScript from dist, or, when the pool runs from
 * TypeScript sources (jest), through the @swc/core bootstrap in evaluation-runner.ts.
 */
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { TRACKED_FIELDS, type EvaluateMessage, type WorkerMessage } from './evaluation-protocol';
import { cloneableReply, failureOf, IsolatedEvaluator, type ProgressMark } from './isolated-evaluator';

/** The file descriptor a child process reports field progress on (see ProcessRunner). */
const PROGRESS_FD = 4;

function serve(post: (message: WorkerMessage) => void, onMessage: (listener: (m: EvaluateMessage) => void) => void, mark: (id: number) => ProgressMark): void {
  const evaluator = new IsolatedEvaluator();
  onMessage((message) => {
    if (message?.type !== 'evaluate') return;
    const { id } = message;
    evaluator.evaluate(message, mark(id)).then(
      (reply) => {
        try {
          post({ type: 'result', id, ...reply });
        } catch {
          // A value that cannot be cloned: report it on its field, keep the rest.
          post({ type: 'result', id, ...cloneableReply(reply) });
        }
      },
      (err: unknown) => {
        const failure = failureOf(err);
        post({ type: 'result', id, values: [], errors: message.fields.map((f) => [f.name, failure]) });
      },
    );
  });
  post({ type: 'ready' });
}

const thread = workerData as { hookflowEvaluator?: string; states?: Uint8Array } | undefined;

if (parentPort && thread?.hookflowEvaluator === 'thread' && thread.states) {
  const port = parentPort;
  const states = thread.states;
  serve(
    (message) => port.postMessage(message),
    (listener) => port.on('message', listener),
    () => (index, state) => {
      if (index < TRACKED_FIELDS) states[index] = state;
    },
  );
} else if (process.env.HOOKFLOW_EVALUATOR === 'process' && process.send) {
  const send = process.send.bind(process);
  // Ctrl-C reaches the whole process group: let the host decide when we stop.
  process.on('SIGINT', () => undefined);
  // The host went away (or closed the pool): nothing left to do.
  process.on('disconnect', () => process.exit(0));
  serve(
    (message) => {
      send(message);
    },
    (listener) => process.on('message', listener),
    (id) => (index, state) => {
      // Synchronous, so that the host sees it even if the next native call never returns.
      if (index < TRACKED_FIELDS) writeSync(PROGRESS_FD, `${id} ${index} ${state}\n`);
    },
  );
}
