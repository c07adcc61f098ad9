import { Controller, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Accepted, type TaskRequest, TaskRequestSchema } from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import { ApiError } from '../http/api-error';
import { ValidBody } from '../http/valid-body.decorator';
import type { Principal } from '../auth/principal';
import { CallTasks, type TaskResult } from './call-tasks.service';
import { Idempotent } from './idempotency.interceptor';

enum TaskNumber {
  SendMessage = '01',
  PauseRecording = '02',
  ResumeRecording = '03',
  AskForHelp = '05',
}

/** The dialer's custom tasks: messages, recording control, help (issue 16 §3). */
@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: CallTasks) {}

  @Post(':task')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      '01 text message (allowTextMessage; [Variables] filled; logged as a Task), 02 pause recording, 03 resume recording, 05 ask a supervisor for help.',
  })
  run(
    @CurrentSession() s: Principal,
    @Param(
      'task',
      new ParseEnumPipe(TaskNumber, { exceptionFactory: () => new ApiError('NOT_FOUND', 'No such task.') }),
    )
    task: TaskNumber,
    @ValidBody(TaskRequestSchema) body: TaskRequest,
  ): Promise<TaskResult> {
    const params = body.params ?? {};
    switch (task) {
      case TaskNumber.SendMessage:
        return this.tasks.sendMessage(s, body.callId, params);
      case TaskNumber.PauseRecording:
        return this.tasks.recording(s, body.callId, true);
      case TaskNumber.ResumeRecording:
        return this.tasks.recording(s, body.callId, false);
      case TaskNumber.AskForHelp:
        return this.tasks.askForHelp(s, body.callId, params['reason'] ?? '');
    }
  }

  @Post('05/withdraw')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Withdraw the request for help: the board no longer flags the agent.' })
  withdrawHelp(@CurrentSession() s: Principal): Accepted {
    this.tasks.withdrawHelp(s);
    return { accepted: true };
  }
}
