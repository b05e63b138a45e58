import { DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { BullDispatcher, RunJob } from './bull.dispatcher';
import { Dispatcher, RUNS_QUEUE } from './dispatcher';
import { InProcessDispatcher } from './in-process.dispatcher';

/** Bull on Redis when a URL is given, otherwise durable in-process dispatch. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(redisUrl: string | undefined, prefix: string): DynamicModule {
    if (!redisUrl) {
      return { module: QueueModule, providers: [{ provide: Dispatcher, useClass: InProcessDispatcher }], exports: [Dispatcher] };
    }
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({ url: redisUrl, prefix, settings: { stalledInterval: 5000, maxStalledCount: 1000 } }),
        BullModule.registerQueue({ name: RUNS_QUEUE }),
      ],
      providers: [
        {
          provide: Dispatcher,
          useFactory: (queue: Queue<RunJob>) => new BullDispatcher(queue),
          inject: [getQueueToken(RUNS_QUEUE)],
        },
      ],
      exports: [Dispatcher],
    };
  }
}
