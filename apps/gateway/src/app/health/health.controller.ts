import { Public } from '../auth/auth.decorators';
import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { GatewayHealth } from '@puente/contracts';
import type { Response } from 'express';
import { UpstreamHealthService } from './upstream-health.service';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: UpstreamHealthService) {}

  /** The gateway and every upstream, as the panel shows them. */
  @Get()
  summary(): GatewayHealth {
    return this.health.snapshot();
  }

  /** Liveness: the process answers. Never depends on upstreams, so an outage does not get it restarted. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 only when every upstream is up, 503 otherwise (with the details). */
  @Get('ready')
  ready(@Res({ passthrough: true }) res: Response): GatewayHealth {
    const snapshot = this.health.snapshot();
    res.status(snapshot.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return snapshot;
  }
}
