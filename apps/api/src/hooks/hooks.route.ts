import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from '@nestjs/common';
import { AppError } from '@app/common';
import type { AcceptEventUseCase } from '@app/workflows';
import type { HookMetrics } from '../metrics/hook-metrics';
import { toProblem } from '../problem/problem';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * POST /hooks/:token, registered on Fastify directly in its own scope: the body arrives as raw bytes whatever
 * its content type (signatures are computed over exact bytes; parsing is ours), and the hot path skips the
 * framework's per-request pipeline.
 */
export function registerHooksRoute(
  fastify: FastifyInstance,
  acceptEvent: AcceptEventUseCase,
  metrics: HookMetrics,
  maxPayloadBytes: number,
): void {
  const logger = new Logger('Hooks');
  void fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxPayloadBytes }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((error, _req, reply) => {
      metrics.countHook(outcomeOf(error));
      return sendProblem(reply, error, logger);
    });
    scope.route({
      method: [...METHODS],
      url: '/hooks/:token',
      bodyLimit: maxPayloadBytes,
      handler: async (req: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
        const answer = await acceptEvent.accept({
          token: req.params.token,
          method: req.method,
          headers: req.headers,
          query: req.query as Record<string, unknown>,
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        });
        metrics.countHook(answer.outcome);
        return reply.status(answer.status).headers(answer.headers).send(answer.body);
      },
    });
  });
}

function sendProblem(reply: FastifyReply, error: unknown, logger: Logger): FastifyReply {
  const problem = toProblem(error);
  if (problem.errorId) logger.error({ msg: 'unexpected error', errorId: problem.errorId, error: (error as Error)?.stack });
  return reply.status(problem.status).headers(problem.headers).type('application/problem+json').send(problem.body);
}

function outcomeOf(error: unknown): string {
  if (error instanceof AppError) return error.code;
  const status = (error as { statusCode?: number }).statusCode;
  return status === 413 ? 'payload-too-large' : status && status < 500 ? 'bad-request' : 'error';
}
