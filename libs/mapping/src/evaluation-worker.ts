/**
 * Entry point of an evaluation pool runner (see evaluation-pool.ts and evaluation-runner.ts), in a worker
 * thread or a child process. Loaded as compiled JavaScript from dist, or, when the pool runs from
 * TypeScript sources (jest), through the @swc/core bootstrap in evaluation-runner.ts.
 */
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { MARK_BYTES, PROGRESS_FD, type EvaluateMessage, type WorkerMessage } from './evaluation-protocol';
import { cloneableReply, failureOf, IsolatedEvaluator, type ProgressMark } from './isolated-evaluator';

function serve(
  post: (message: WorkerMessage) => void,
  onMessage: (listener: (m: EvaluateMessage) => void) => void,
  mark: (id: number) => ProgressMark,
): void {
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

const thread = workerData as { hookflowEvaluator?: string; marks?: Int32Array } | undefined;

if (parentPort && thread?.hookflowEvaluator === 'thread' && thread.marks) {
  const port = parentPort;
  const marks = thread.marks;
  serve(
    (message) => port.postMessage(message),
    (listener) => port.on('message', listener),
    (id) => (index, state) => {
      // Shared memory: the host reads it only after it has stopped this thread.
      marks[1] = index;
      marks[2] = state;
      marks[0] = id;
    },
  );
} else if (process.env.HOOKFLOW_EVALUATOR === 'process' && process.send) {
  const send = process.send.bind(process);
  const record = Buffer.alloc(MARK_BYTES);
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
      // One positional write, synchronous, so that it is there even if the next native call never
      // returns. Best effort: failing only costs the host its knowledge of which field ran.
      record.writeInt32LE(id, 0);
      record.writeInt32LE(index, 4);
      record.writeInt32LE(state, 8);
      try {
        writeSync(PROGRESS_FD, record, 0, MARK_BYTES, 0);
      } catch {
        // ignored
      }
    },
  );
}
