import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ReplayRunUseCase, RunHistoryService } from '@app/workflows';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { parseInput } from '../validation/parse-input';
import { replayVersion } from './replay.schemas';

@Controller('api/runs')
@UseGuards(ApiKeyGuard)
export class RunsController {
  constructor(
    private readonly history: RunHistoryService,
    private readonly replayRun: ReplayRunUseCase,
  ) {}

  @Get(':id')
  get(@Param('id') id: string) {
    return this.history.run(id);
  }

  /** 201 { runId, workflowVersion }: a new run of the same event, under the current or the original version. */
  @Post(':id/replay')
  replay(@Param('id') id: string, @Body() body: unknown) {
    const { version } = parseInput(z.object({ version: replayVersion }), body ?? {});
    return this.replayRun.replay(id, version);
  }
}
