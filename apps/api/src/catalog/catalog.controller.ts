import { Controller, Get, UseGuards } from '@nestjs/common';
import { StepRegistry } from '@app/steps';
import { ConnectionService } from '@app/workflows';
import { ApiKeyGuard } from '../auth/api-key.guard';

/** What can be built: action types with their field declarations, connection types with their forms. */
@Controller('api')
@UseGuards(ApiKeyGuard)
export class CatalogController {
  constructor(
    private readonly steps: StepRegistry,
    private readonly connections: ConnectionService,
  ) {}

  @Get('step-types')
  stepTypes() {
    return this.steps.types().map((type) => {
      const executor = this.steps.get(type)!;
      return { type, fields: executor.fields, connection: executor.connection ?? null };
    });
  }

  @Get('connection-types')
  connectionTypes() {
    return this.connections.describeTypes();
  }
}
