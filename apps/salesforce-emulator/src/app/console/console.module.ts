import { Module } from '@nestjs/common';
import { CONSOLE_CONFIG, ConsoleController } from './console.controller';
import { loadConsoleConfig } from './console.config';

/** The Lightning-like console that hosts the agent panel (GET /lightning/console). */
@Module({
  controllers: [ConsoleController],
  providers: [{ provide: CONSOLE_CONFIG, useFactory: loadConsoleConfig }],
})
export class ConsoleModule {}
