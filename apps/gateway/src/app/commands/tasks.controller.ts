import { Controller, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type TaskRequest, TaskRequestSchema } from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import { ApiError } from '../http/api-error';
import { ValidBody } from '../http/valid-body.decorator';
import type { StoredSession } from '../store/gateway-store';
import { DialerCommands } from './dialer-commands.service';
import { Idempotent } from './idempotency.interceptor';

const TASKS = {
  '01': 'ExecuteTask01',
  '02': 'ExecuteTask02',
  '03': 'ExecuteTask03',
  '05': 'ExecuteTask05',
} as const;
enum TaskNumber {
  SendMessage = '01',
  PauseRecording = '02',
  ResumeRecording = '03',
  AskForHelp = '05',
}

/** The dialer's custom tasks (ExecuteTask01..05): messages, recording control, help. */
@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly commands: DialerCommands) {}

  @Post(':task')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: '01 text message, 02 pause recording, 03 resume recording, 05 ask a supervisor for help.',
  })
  run(
    @CurrentSession() s: StoredSession,
    @Param(
      'task',
      new ParseEnumPipe(TaskNumber, { exceptionFactory: () => new ApiError('NOT_FOUND', 'No such task.') }),
    )
    task: TaskNumber,
    @ValidBody(TaskRequestSchema) body: TaskRequest,
  ): Promise<{ taskId: string; result: Record<string, string> }> {
    return this.commands.run(s, TASKS[task], {
      ...(body.callId ? { callId: body.callId } : {}),
      params: body.params ?? {},
    });
  }
}
