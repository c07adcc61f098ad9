import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BreakStateDto, CategoryDto, QueueDto, UserDto } from '@puente/contracts';
import { z } from 'zod';
import { CurrentSession } from '../auth/auth.decorators';
import { ZodBody } from '../http/zod-body.pipe';
import type { Principal } from '../auth/principal';
import { DialerCommands } from './dialer-commands.service';

const UsersQuery = z.object({ role: z.enum(['agent', 'supervisor', 'admin']).optional() });

/** What the panel lists: break states (A3), users and queues to transfer to (B4), categories (C5). */
@ApiTags('directory')
@Controller('api/v1')
export class DirectoryController {
  constructor(private readonly commands: DialerCommands) {}

  @Get('break-states')
  @ApiOperation({ summary: 'Every break state, system and custom.' })
  async breakStates(@CurrentSession() s: Principal): Promise<{ items: BreakStateDto[] }> {
    return { items: await this.commands.as(s).breakStates() };
  }

  @Get('users')
  @ApiOperation({
    summary: 'Logged-in platform users with their state, free ones first (transfer, conference).',
  })
  async users(
    @CurrentSession() s: Principal,
    @Query(new ZodBody(UsersQuery)) query: z.infer<typeof UsersQuery>,
  ): Promise<{ items: UserDto[] }> {
    const users = await this.commands.as(s).users(query.role);
    // Only who could be reached now (issue 16 §2.10): a logged-out user cannot take a transfer.
    // Read from the dialer on every request, never cached, so the list is as fresh as the panel asks.
    return {
      items: users
        .filter((u) => u.id !== s.agentId && u.activity !== 'logged_out')
        .sort((a, b) => Number(a.busy) - Number(b.busy)),
    };
  }

  @Get('queues')
  @ApiOperation({ summary: 'Inbound queues.' })
  async queues(@CurrentSession() s: Principal): Promise<{ items: QueueDto[] }> {
    const queues = await this.commands.as(s).queues();
    return { items: queues.map(({ id, name }) => ({ id, name })) };
  }

  @Get('crms/:crmId/categories')
  @ApiOperation({ summary: "Categories and subcategories of the dialer's CRM." })
  async categories(
    @CurrentSession() s: Principal,
    @Param('crmId') crmId: string,
  ): Promise<{ items: CategoryDto[] }> {
    return { items: await this.commands.as(s).categories(crmId) };
  }
}
