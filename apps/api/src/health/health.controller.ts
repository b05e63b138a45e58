import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, ErrorCode } from '@app/common';
import { Dispatcher } from '@app/queue';

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the store answers, and so does the queue (Redis in queue mode). */
  @Get('ready')
  async ready() {
    const [store, queue] = await Promise.allSettled([this.db.query('SELECT 1'), this.dispatcher.ping()]);
    const down = [store.status === 'rejected' && 'the store', queue.status === 'rejected' && 'the queue (Redis)'].filter(Boolean);
    if (down.length > 0) {
      throw new AppError(ErrorCode.StoreUnavailable, `Not ready: ${down.join(' and ')} does not answer.`, { retryAfterSeconds: 5 });
    }
    return { status: 'ok', store: 'up', queue: 'up' };
  }
}
