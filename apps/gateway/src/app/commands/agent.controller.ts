import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Accepted,
  type AgentState,
  type PauseRequest,
  PauseRequestSchema,
  type ShowingContactRequest,
  ShowingContactRequestSchema,
} from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import { AgentStreams } from '../events/agent-streams.service';
import { ValidBody } from '../http/valid-body.decorator';
import type { Principal } from '../auth/principal';
import { DialerCommands } from './dialer-commands.service';
import { Idempotent } from './idempotency.interceptor';

const ACCEPTED: Accepted = { accepted: true };

/** The agent's own availability: breaks (A3), Play and CRM presence (A4). */
@ApiTags('agent')
@Controller('api/v1/agent')
export class AgentController {
  constructor(
    private readonly commands: DialerCommands,
    private readonly streams: AgentStreams,
  ) {}

  @Get('state')
  @ApiOperation({ summary: "The agent's current state (the same the socket's snapshot carries)." })
  state(@CurrentSession() session: Principal): AgentState {
    return this.streams.state(session.agentId);
  }

  @Post('pause')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Enter a break state (Pause); during a call it starts when the call ends.' })
  async pause(@CurrentSession() s: Principal, @ValidBody(PauseRequestSchema) body: PauseRequest) {
    return this.commands.as(s).pause(body.breakStateId);
  }

  @Post('unpause')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Leave the break state (Unpause).' })
  async unpause(@CurrentSession() s: Principal): Promise<Accepted> {
    await this.commands.as(s).resume();
    return ACCEPTED;
  }

  @Post('ready')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Play: ready for the next call (CRM_Available).' })
  async ready(@CurrentSession() s: Principal): Promise<Accepted> {
    await this.commands.as(s).crmAvailable();
    return ACCEPTED;
  }

  @Post('unavailable')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Busy in the CRM: offer no calls (CRM_Unavailable).' })
  async unavailable(@CurrentSession() s: Principal): Promise<Accepted> {
    await this.commands.as(s).crmUnavailable();
    return ACCEPTED;
  }

  @Post('showing-contact')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'A contact is on screen (CRM_ShowingContact).' })
  async showing(
    @CurrentSession() s: Principal,
    @ValidBody(ShowingContactRequestSchema) body: ShowingContactRequest,
  ): Promise<Accepted> {
    await this.commands.as(s).showingContact(body.contactId);
    return ACCEPTED;
  }
}
