import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { AgentState } from '@puente/contracts';
import { renderTemplate } from '@puente/crm';
import { SessionSettings } from '../call-center/session-settings.service';
import { CRM, type Crm } from '../crm/crm.port';
import { OutboxWorker } from '../crm/outbox/outbox.worker';
import { UserDirectory } from '../crm/user-directory.service';
import { input } from '../events/agent-event-input';
import { AgentStreams } from '../events/agent-streams.service';
import { ApiError } from '../http/api-error';
import { requestContext } from '../http/request-context';
import type { Principal } from '../auth/principal';
import { DialerCommands } from './dialer-commands.service';

import type { TaskResult } from '../dialer/dialer.types';

export type { TaskResult };

interface MessageTask {
  task: Record<string, string>;
  ownerEmail: string | null;
}

/**
 * The dialer's custom tasks as the agent uses them (issue 16 §3): a text
 * message (only with allowTextMessage; the text's [Variables] filled from
 * the call) logged as a Task on the call's record; the recording paused and
 * resumed, and the panel told; a supervisor asked for help, which flags
 * the agent on the board until a supervisor
 * joins, the call ends or the agent withdraws it.
 */
@Injectable()
export class CallTasks implements OnModuleInit {
  constructor(
    private readonly commands: DialerCommands,
    private readonly streams: AgentStreams,
    private readonly settings: SessionSettings,
    private readonly outbox: OutboxWorker,
    private readonly users: UserDirectory,
    @Inject(CRM) private readonly crm: Crm,
  ) {}

  onModuleInit(): void {
    this.outbox.register('message-task', async (payload) => {
      const { task, ownerEmail } = payload as unknown as MessageTask;
      const owner = ownerEmail ? await this.users.idFor(ownerEmail) : null;
      // Keyed by its CallObject ("message:…"), so a retried write updates the one Task.
      await this.crm.upsertCallTask({ ...task, ...(owner ? { OwnerId: owner } : {}) });
    });
  }

  async sendMessage(s: Principal, callId: string | undefined, params: Record<string, string>) {
    if (!(await this.settings.forAgent(s.agentId)).options.allowTextMessage)
      throw new ApiError('FORBIDDEN', 'Text messages to customers are off (allowTextMessage).');
    const state = this.streams.state(s.agentId);
    const text = renderTemplate(params['text'] ?? '', variables(state));
    const answer = await this.commands.as(s).sendMessage(callId, { ...params, text });
    await this.logMessage(s, state, callId ?? state.call?.callId ?? null, text, answer);
    return answer;
  }

  async recording(s: Principal, callId: string | undefined, paused: boolean): Promise<TaskResult> {
    const answer = await this.commands.as(s).recording(callId, paused);
    const id = callId ?? answer.result['callId'] ?? this.streams.state(s.agentId).call?.callId;
    if (id) this.streams.append(s.agentId, [input('call.recording', { callId: id, paused })]);
    return answer;
  }

  async askForHelp(s: Principal, callId: string | undefined, reason: string): Promise<TaskResult> {
    const answer = await this.commands.as(s).askForHelp(callId, reason);
    const call = callId ?? (answer.result['callId'] || this.streams.state(s.agentId).call?.callId || null);
    this.streams.append(s.agentId, [input('agent.help_requested', { callId: call, reason })]);
    return answer;
  }

  withdrawHelp(s: Principal): void {
    if (this.streams.state(s.agentId).help)
      this.streams.append(s.agentId, [input('agent.help_ended', { reason: 'withdrawn' })]);
  }

  /** The message as a Task on the call's record (C11's "chat journaling", seed 000). */
  private async logMessage(
    s: Principal,
    state: AgentState,
    callId: string | null,
    text: string,
    answer: TaskResult,
  ): Promise<void> {
    const channel = answer.result['channel'] === 'whatsapp' ? 'WhatsApp' : 'SMS';
    const number = answer.result['number'] ?? '';
    const key = requestContext.getStore()?.idempotencyKey ?? `${s.agentId}:${answer.taskId}`;
    const linked = state.crm && state.crm.callId === callId ? state.crm.linked : null;
    const task: Record<string, string> = {
      Subject: `${channel} to ${number}`.slice(0, 255),
      Status: 'Completed',
      Priority: 'Normal',
      CallObject: `message:${key}`.slice(0, 255),
      ActivityDate: new Date().toISOString().slice(0, 10),
      Description: [text, callId ? `Call: ${callId}` : null].filter(Boolean).join('\n').slice(0, 32000),
    };
    if (linked) {
      const who = linked.objectType === 'Contact' || linked.objectType === 'Lead';
      task[who ? 'WhoId' : 'WhatId'] = linked.recordId;
    }
    const payload: MessageTask = { task, ownerEmail: state.session?.email ?? null };
    await this.outbox.enqueue(
      'message-task',
      task['CallObject'],
      payload as unknown as Record<string, unknown>,
    );
  }
}

/** What a message template may name, from the call on the agent's screen. */
function variables(state: AgentState): Record<string, string | null> {
  return {
    Agent: state.session?.displayName ?? null,
    Number: state.call?.party ?? state.contact?.phoneNumber ?? null,
    CallId: state.call?.callId ?? null,
    Campaign: state.campaign?.name ?? null,
    Name: state.crm?.linked?.name ?? null,
  };
}
