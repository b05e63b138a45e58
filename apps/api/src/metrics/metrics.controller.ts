import { Controller, Get, Header } from '@nestjs/common';
import { HookMetrics } from './hook-metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HookMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  text(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
