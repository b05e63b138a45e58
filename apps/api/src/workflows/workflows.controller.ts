import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ReplayRunUseCase, RunHistoryService, WorkflowService } from '@app/workflows';
import { replayVersion } from '../runs/replay.schemas';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { limitParam, parseInput } from '../validation/parse-input';

const runsQuery = z.object({
  limit: limitParam(200, 50),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'filtered']).optional(),
  before: z.string().min(1).max(200).optional(),
});

const bulkReplay = z.object({
  status: z.enum(['failed', 'succeeded', 'filtered']).default('failed'),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  version: replayVersion,
  limit: z.number().int().min(1).max(1000).default(100),
});

@Controller('api/workflows')
@UseGuards(ApiKeyGuard)
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowService,
    private readonly history: RunHistoryService,
    private readonly replayRun: ReplayRunUseCase,
  ) {}

  @Post()
  create(@Body() body: unknown) {
    return this.workflows.create(body);
  }

  @Get()
  list() {
    return this.workflows.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.workflows.get(id);
  }

  @Put(':id')
  replace(@Param('id') id: string, @Body() body: unknown) {
    return this.workflows.update(id, body, false);
  }

  @Patch(':id')
  patch(@Param('id') id: string, @Body() body: unknown) {
    return this.workflows.update(id, body, true);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.workflows.remove(id);
  }

  @Post(':id/rotate-hook')
  @HttpCode(200)
  rotate(@Param('id') id: string) {
    return this.workflows.rotateHook(id);
  }

  @Get(':id/events')
  events(@Param('id') id: string, @Query() query: unknown) {
    const { limit } = parseInput(z.object({ limit: limitParam(100, 20) }), query);
    return this.history.events(id, limit);
  }

  /** 201 { count, runIds }: replays the runs of a status (failed by default) created in [from, to). */
  @Post(':id/replay')
  replay(@Param('id') id: string, @Body() body: unknown) {
    return this.replayRun.replayMany(id, parseInput(bulkReplay, body ?? {}));
  }

  @Get(':id/runs')
  runs(@Param('id') id: string, @Query() query: unknown) {
    return this.history.runs(id, parseInput(runsQuery, query));
  }
}
