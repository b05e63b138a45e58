import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { RunHistoryService, WorkflowService } from '@app/workflows';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { limitParam, parseInput } from '../validation/parse-input';

const runsQuery = z.object({
  limit: limitParam(200, 50),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'filtered']).optional(),
  before: z.string().min(1).max(200).optional(),
});

@Controller('api/workflows')
@UseGuards(ApiKeyGuard)
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowService,
    private readonly history: RunHistoryService,
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

  @Get(':id/runs')
  runs(@Param('id') id: string, @Query() query: unknown) {
    return this.history.runs(id, parseInput(runsQuery, query));
  }
}
