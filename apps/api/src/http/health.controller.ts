import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@credence/identity';
import { Clock, Database } from '@credence/shared';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '健康检查（含数据库） / Liveness and database check' })
  async health(): Promise<{ status: 'ok'; database: 'up'; time: string }> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException();
    }
    return { status: 'ok', database: 'up', time: this.clock.now().toISOString() };
  }
}
