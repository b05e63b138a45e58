import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** Prometheus metrics of this process; `/metrics` serves them as text. */
@Injectable()
export class HookMetrics {
  readonly registry = new Registry();
  /** Every hook request by how it ended: accepted, sampled, duplicate, or the error code (unauthorized = bad signature). */
  private readonly hooks = new Counter({
    name: 'hookflow_hooks_total',
    help: 'Webhook requests received, by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hookflow_' });
  }

  countHook(outcome: string): void {
    this.hooks.inc({ outcome });
  }
}
