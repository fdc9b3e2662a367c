import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@credence/identity';
import { Clock, DatabaseAvailability, DatabaseUnavailableError } from '@credence/shared';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly availability: DatabaseAvailability,
    private readonly clock: Clock,
  ) {}

  /**
   * Answers within a second whatever the database does: the probe runs on a connection of its own (a busy pool
   * does not make the database look down) and gives up after PROBE_TIMEOUT_MS (a hung server is `unresponsive`).
   */
  @Get()
  @ApiOperation({ summary: '健康检查（含数据库） / Liveness and database check' })
  async health(): Promise<{ status: 'ok'; database: 'up'; time: string }> {
    const database = await this.availability.probe();
    if (database !== 'up') throw new DatabaseUnavailableError({ checks: { database } });
    return { status: 'ok', database: 'up', time: this.clock.now().toISOString() };
  }
}
