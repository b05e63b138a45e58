import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toProblem } from './problem';

@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.errorId) {
      this.logger.error({ msg: 'unexpected error', errorId: problem.errorId, error: (error as Error)?.stack ?? String(error) });
    }
    void reply.status(problem.status).headers(problem.headers).type('application/problem+json').send(problem.body);
  }
}
