/**
 * Entry point of an evaluation pool thread (see evaluation-pool.ts). Loaded as compiled JavaScript from
 * dist, or, when the pool itself runs from TypeScript sources (jest), through a small @swc/core loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EvaluateMessage, WorkerMessage } from './evaluation-protocol';
import { cloneableReply, failureOf, IsolatedEvaluator } from './isolated-evaluator';

interface EvaluationWorkerData {
  hookflowEvaluator: true;
  settled: Uint8Array;
}

const data = workerData as EvaluationWorkerData | undefined;

if (parentPort && data?.hookflowEvaluator === true) {
  const port = parentPort;
  const evaluator = new IsolatedEvaluator(data.settled);
  const post = (message: WorkerMessage) => port.postMessage(message);

  port.on('message', (message: EvaluateMessage) => {
    if (message?.type !== 'evaluate') return;
    const { id } = message;
    evaluator.evaluate(message).then(
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
