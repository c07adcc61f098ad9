import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type ContactDb, openContactDb } from '@puente/contact-center-db';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { ContactDbCircuit } from './contact-db-circuit';
import { ReconnectingContactDb } from './reconnecting-contact-db';

/** Injection token of the ContactDb port (SPEC D1; DESIGN ports and adapters). */
export const CONTACT_DB = Symbol('CONTACT_DB');

/** Which adapter the configuration asks for: the mssql one for SQL Server, the pg one otherwise. */
export function contactDbOptions(config: GatewayConfig): Parameters<typeof openContactDb>[0] {
  switch (config.CONTACT_DB_KIND) {
    case 'mssql':
      return {
        kind: 'mssql',
        url: config.CONTACT_DB_URL,
        encrypt: config.CONTACT_DB_ENCRYPT,
        trustServerCertificate: config.CONTACT_DB_TRUST_CERT,
        requestTimeoutMs: config.CONTACT_DB_TIMEOUT_MS,
        connectionTimeoutMs: config.CONTACT_DB_TIMEOUT_MS,
        poolMax: config.CONTACT_DB_POOL_MAX,
      };
    case 'pglite':
      // A folder, or memory:// for a throwaway database.
      return config.CONTACT_DB_URL.startsWith('memory://')
        ? { kind: 'pglite' }
        : { kind: 'pglite', dataDir: config.CONTACT_DB_URL };
    case 'postgres':
      return {
        kind: 'postgres',
        url: config.CONTACT_DB_URL,
        // The server cancels a slow statement; the client bounds a server that does not answer at all
        // (query_timeout, a second later) and a connection that does not open (issue 15 §6).
        statementTimeoutMs: config.CONTACT_DB_TIMEOUT_MS,
        connectionTimeoutMs: config.CONTACT_DB_TIMEOUT_MS,
        poolMax: config.CONTACT_DB_POOL_MAX,
      };
  }
}

/** Closes the pool when the gateway stops, after requests have drained. */
@Injectable()
class ContactDbCloser implements OnApplicationShutdown {
  constructor(@Inject(CONTACT_DB) private readonly db: ContactDb) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: CONTACT_DB,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig): ContactDb =>
        new ReconnectingContactDb(
          config.CONTACT_DB_KIND === 'mssql' ? 'mssql' : 'postgres',
          () => openContactDb(contactDbOptions(config)),
          new ContactDbCircuit({
            failures: config.CONTACT_DB_BREAKER_FAILURES,
            resetMs: config.CONTACT_DB_BREAKER_RESET_MS,
          }),
        ),
    },
    ContactDbCloser,
  ],
  exports: [CONTACT_DB],
})
export class ContactDbModule {}
