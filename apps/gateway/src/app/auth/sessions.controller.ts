import { Controller, Delete, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type LoginRequest,
  LoginRequestSchema,
  type RefreshRequest,
  RefreshRequestSchema,
  type SessionResponse,
} from '@puente/contracts';
import { ClientAddress } from '../http/client-address';
import { ValidBody } from '../http/valid-body.decorator';
import type { Principal } from './principal';
import { CurrentSession, Public } from './auth.decorators';
import { RateLimited } from './limits/login-limits.guard';
import { SessionService } from './session.service';

@ApiTags('sessions')
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionService) {}

  @Public()
  @Post()
  @RateLimited('login')
  @ApiOperation({
    summary: 'Log in with device, user and password (A1); logs the user into the dialer.',
    description:
      'Limited per client address and per user name; wrong passwords lock the user name (and, many of them, the address) out for a while: 429 RATE_LIMITED with Retry-After.',
  })
  login(
    @ValidBody(LoginRequestSchema) body: LoginRequest,
    @ClientAddress() address: string,
  ): Promise<SessionResponse> {
    return this.sessions.login(body, address);
  }

  @Public()
  @Post('refresh')
  @RateLimited('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token for a new access token (the refresh token rotates).' })
  refresh(@ValidBody(RefreshRequestSchema) body: RefreshRequest): Promise<SessionResponse> {
    return this.sessions.refresh(body.refreshToken);
  }

  @Delete('current')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Log out of the dialer and end the session.' })
  logout(@CurrentSession() session: Principal): Promise<void> {
    return this.sessions.logout(session.sessionId);
  }
}
