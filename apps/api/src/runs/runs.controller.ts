import { Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ReplayRunUseCase, RunHistoryService } from '@app/workflows';
import { ApiKeyGuard } from '../auth/api-key.guard';

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

  /** 201 { runId }: a new run of the same event. */
  @Post(':id/replay')
  replay(@Param('id') id: string) {
    return this.replayRun.replay(id);
  }
}
