import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ConnectionService } from '@app/workflows';
import { ApiKeyGuard } from '../auth/api-key.guard';

@Controller('api')
@UseGuards(ApiKeyGuard)
export class ConnectionsController {
  constructor(private readonly connections: ConnectionService) {}

  @Post('connections')
  create(@Body() body: unknown) {
    return this.connections.create(body);
  }

  @Get('connections')
  list() {
    return this.connections.list();
  }

  @Get('connections/:id')
  get(@Param('id') id: string) {
    return this.connections.get(id);
  }

  @Delete('connections/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.connections.remove(id);
  }

  /** 200 { ok: true } or { ok: false, message } in plain words. */
  @Post('connections/:id/test')
  @HttpCode(200)
  test(@Param('id') id: string) {
    return this.connections.test(id);
  }
}
