import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { SOCKET_HEARTBEAT } from '@puente/contracts';
import type { Server, ServerOptions } from 'socket.io';

/**
 * One place for socket.io server options: allowed origins and a short
 * heartbeat so a panel notices a dead gateway within seconds. (The Redis
 * adapter for several nodes plugs in here too.)
 */
export class PuenteIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      ...SOCKET_HEARTBEAT,
      cors: { origin: this.corsOrigins.includes('*') ? true : [...this.corsOrigins], credentials: true },
    });
  }
}
