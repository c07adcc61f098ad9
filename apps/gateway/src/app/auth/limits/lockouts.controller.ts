import { isIP } from 'node:net';
import { Controller, Delete, Logger, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../../http/api-error';
import type { Principal } from '../principal';
import { CurrentSession, Roles } from '../auth.decorators';
import { LoginLockouts } from './login-lockouts.service';

/** An administrator lifts a lock-out before it ends by itself (issue 14 §5); each one is written to the log. */
@ApiTags('sessions')
@Controller('api/v1/sessions/lockouts')
@Roles('admin')
export class LockoutsController {
  private readonly logger = new Logger('Sessions');

  constructor(private readonly lockouts: LoginLockouts) {}

  @Delete('users/:user')
  @ApiOperation({ summary: 'Clear the login lock-out of a user name (admin).' })
  async clearUser(
    @Param('user') user: string,
    @CurrentSession() admin: Principal,
  ): Promise<{ user: string; wasLockedOut: boolean }> {
    const wasLockedOut = await this.lockouts.clearUser(user);
    this.audit(admin, { user, wasLockedOut });
    return { user, wasLockedOut };
  }

  @Delete('addresses/:address')
  @ApiOperation({ summary: 'Clear the login lock-out of a client address (admin).' })
  async clearAddress(
    @Param('address') address: string,
    @CurrentSession() admin: Principal,
  ): Promise<{ address: string; wasLockedOut: boolean }> {
    if (!isIP(address)) throw new ApiError('VALIDATION_FAILED', 'address: must be an IPv4 or IPv6 address');
    const wasLockedOut = await this.lockouts.clearAddress(address);
    this.audit(admin, { address, wasLockedOut });
    return { address, wasLockedOut };
  }

  private audit(admin: Principal, cleared: { user?: string; address?: string; wasLockedOut: boolean }): void {
    this.logger.log({
      audit: 'lockout.cleared',
      by: admin.user,
      byAgentId: admin.agentId,
      ...cleared,
      msg: `${admin.user} cleared the login lock-out of ${cleared.user ?? cleared.address}`,
    });
  }
}
