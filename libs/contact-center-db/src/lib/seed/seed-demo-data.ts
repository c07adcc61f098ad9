import { hashPassword } from '../repository/passwords';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { DEMO_CONTACTS_COUNT, DEMO_CONTACTS_SEED, demoContacts } from './demo-contacts';

/** Every demo user's password (docs/dialer-emulator.md): agent01…agent20, super01, super02, admin. */
export const DEMO_PASSWORD = 'puente';

/** Ids the demo data uses, so the emulator, tests and docs can name them. */
export const DEMO_IDS = {
  crms: { ventas: '1', cobranzas: '2', atencion: '3' },
  databases: { prospectos: '10', mora: '20', clientes: '30', entrantes: '31' },
  campaigns: { predictive: '1', progressive: '2', preview: '3' },
  queues: { atencion: '1', soporte: '2' },
  supervisors: ['101', '102'],
  admin: '200',
  /** On the blacklist: the IVR refuses it (D4). */
  blacklistedNumber: '+5491155550666',
} as const;

export interface SeedOptions {
  /** PRNG seed: the same seed, the same contacts. */
  seed?: number;
  /** How many contacts to spread over the demo databases (default 3000). */
  contacts?: number;
}

export interface SeedReport {
  /** Rows of each kind this run added (0 everywhere on a second run). */
  inserted: Record<string, number>;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Reference data: fixed ids, so ON CONFLICT makes a second run a no-op. */
function referenceSql(passwordHash: string): Record<string, string> {
  const agents = Array.from({ length: 20 }, (_, i) => i + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  // E-mails match the users of the local Salesforce org (apps/salesforce-emulator), because that is
  // how the gateway maps a dialer user to the Salesforce user who owns their Tasks (A5).
  const users = [
    ...agents.map(
      (n) =>
        `(${n}, 'agent${pad(n)}', 'Agente ${pad(n)}', 'agent${n}@puente.demo', '{agent}', '${1000 + n}')`,
    ),
    `(101, 'super01', 'Supervisora Uno', 'supervisor1@puente.demo', '{supervisor,agent}', '1021')`,
    `(102, 'super02', 'Supervisor Dos', 'supervisor2@puente.demo', '{supervisor,agent}', '1022')`,
    `(200, 'admin', 'Administración', 'admin@puente.demo', '{admin,supervisor}', '1030')`,
  ].map((row) => row.replace(/\)$/, `, ${q(passwordHash)})`));
  const campaignOf = (n: number) => (n <= 10 ? 1 : n <= 16 ? 2 : 3);
  const categories: [number, number, string, boolean, string[]][] = [
    [101, 1, 'Venta', false, ['Tarjeta de crédito', 'Débito automático', 'Efectivo']],
    [102, 1, 'Volver a llamar', true, ['Pidió que llamen más tarde', 'Decisor ausente']],
    [103, 1, 'No interesa', false, ['Precio', 'Ya tiene el servicio', 'Sin motivo']],
    [104, 1, 'Número equivocado', false, []],
    [201, 2, 'Promesa de pago', false, ['Pago total', 'Pago parcial']],
    [202, 2, 'Agendar pago', true, ['Cobra a fin de mes']],
    [203, 2, 'Negativa', false, ['Desconoce la deuda', 'Sin fondos']],
    [204, 2, 'Ya pagó', false, []],
    [301, 3, 'Consulta resuelta', false, ['Facturación', 'Técnica', 'Comercial']],
    [302, 3, 'Derivado', false, ['Área técnica', 'Área comercial']],
    [303, 3, 'Rellamar', true, ['Sin sistema', 'Requiere información']],
    [304, 3, 'Reclamo', false, ['Servicio', 'Atención']],
  ];
  return {
    crms: `INSERT INTO crms (id, name) VALUES (1, 'Ventas'), (2, 'Cobranzas'), (3, 'Atención al cliente')
           ON CONFLICT (id) DO NOTHING`,
    contact_databases: `INSERT INTO contact_databases (id, crm_id, name) VALUES
           (10, 1, 'Prospectos'), (20, 2, 'Mora temprana'), (30, 3, 'Clientes'), (31, 3, 'Entrantes')
           ON CONFLICT (id) DO NOTHING`,
    devices: `INSERT INTO devices (extension, description)
           SELECT n::text, 'Puesto ' || (n - 1000) FROM generate_series(1001, 1030) n
           ON CONFLICT (extension) DO NOTHING`,
    users: `INSERT INTO users (id, login, display_name, email, roles, default_device, password_hash) VALUES
           ${users.join(',\n')} ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email WHERE users.email IS DISTINCT FROM EXCLUDED.email`,
    break_states: `INSERT INTO break_states (id, name, system, productive, max_seconds, position) VALUES
           (1, '1 - Descanso', false, false, 900, 1), (2, '2 - Baño', false, false, 600, 2),
           (3, '3 - Almuerzo', false, false, 3600, 3), (4, '4 - Capacitación', false, true, 0, 4),
           (5, '5 - Reunión con supervisor', false, true, 0, 5),
           (90, 'Post llamada', true, true, 0, 90), (91, 'CRM no disponible', true, false, 0, 91),
           (92, 'Mostrando contacto', true, true, 0, 92)
           ON CONFLICT (id) DO NOTHING`,
    campaigns: `INSERT INTO campaigns (id, name, dialer_mode, crm_id, database_id, max_abandon_rate, max_attempts, retry_minutes, preview_seconds) VALUES
           (1, 'Ventas Hogar (predictivo)', 'predictive', 1, 10, 0.03, 3, 60, 30),
           (2, 'Cobranzas Mora Temprana (progresivo)', 'progressive', 2, 20, 0.03, 5, 120, 30),
           (3, 'Encuesta de satisfacción (preview)', 'preview', 3, 30, 0.03, 2, 240, 45)
           ON CONFLICT (id) DO NOTHING`,
    campaign_users: `INSERT INTO campaign_users (campaign_id, user_id) VALUES
           ${[...agents.map((n) => `(${campaignOf(n)}, ${n})`), ...[1, 2, 3].flatMap((c) => [`(${c}, 101)`, `(${c}, 102)`])].join(', ')}
           ON CONFLICT DO NOTHING`,
    transfer_numbers: `INSERT INTO transfer_numbers (id, campaign_id, number, label, position) VALUES
           (1, 1, '+541152520000', 'Mesa de ayuda comercial', 1), (2, 1, '+541143430000', 'Back office ventas', 2),
           (3, 2, '+541152521111', 'Estudio jurídico', 1), (4, 2, '+34911234567', 'Cobranzas España', 2),
           (5, 3, '+541152522222', 'Calidad', 1), (6, 3, '+12025550100', 'US desk', 2)
           ON CONFLICT (id) DO NOTHING`,
    queues: `INSERT INTO queues (id, name, crm_id, database_id, ivr_data, service_level_seconds, missed_call_user_id, owner_routing, blacklist_treatment) VALUES
           (1, 'Atención al cliente', 3, 31, 'ani', 20, 101, true, 'reject'),
           (2, 'Soporte técnico', 3, 31, 'input', 30, 102, false, 'announcement')
           ON CONFLICT (id) DO NOTHING`,
    queue_users: `INSERT INTO queue_users (queue_id, user_id) VALUES
           ${[...agents.filter((n) => n <= 12).map((n) => `(1, ${n})`), ...agents.filter((n) => n >= 9).map((n) => `(2, ${n})`), '(1, 101)', '(2, 102)'].join(', ')}
           ON CONFLICT DO NOTHING`,
    categories: `INSERT INTO categories (id, crm_id, name, schedules, position) VALUES
           ${categories.map(([id, crm, name, schedules]) => `(${id}, ${crm}, ${q(name)}, ${schedules}, ${id % 100})`).join(', ')}
           ON CONFLICT (id) DO NOTHING`,
    subcategories: `INSERT INTO subcategories (id, category_id, name, position) VALUES
           ${categories.flatMap(([id, , , , subs]) => subs.map((name, i) => `(${id * 10 + i + 1}, ${id}, ${q(name)}, ${i + 1})`)).join(', ')}
           ON CONFLICT (id) DO NOTHING`,
    blacklist: `INSERT INTO blacklist (number, reason) VALUES
           ('${DEMO_IDS.blacklistedNumber}', 'Llamadas abusivas'), ('+5491100000000', 'Pidió no ser llamado (Ley 26.951)'),
           ('+34600000000', 'Lista Robinson'), ('+12025550199', 'Do not call'), ('+541140000000', 'Número de prueba')
           ON CONFLICT (number) DO NOTHING`,
  };
}

async function insertContacts(db: SqlQueryable, options: Required<SeedOptions>): Promise<number> {
  // The same generator the local Salesforce org copies a share of (demo-contacts.ts).
  const contacts = demoContacts(options.seed, options.contacts);
  let inserted = 0;
  for (let start = 0; start < contacts.length; start += 1000) {
    const cols: unknown[][] = [[], [], [], [], [], [], []];
    for (const contact of contacts.slice(start, start + 1000)) {
      const values = [
        contact.database,
        contact.crm,
        contact.key,
        contact.phone,
        contact.phone2,
        JSON.stringify({
          Nombre: contact.firstName,
          Apellido: contact.lastName,
          Email: contact.email,
          Ciudad: contact.city,
          Pais: contact.country,
        }),
        contact.owner,
      ];
      values.forEach((value, c) => cols[c].push(value));
    }
    const rows = await db.query<{ n: number }>(
      `WITH added AS (
         INSERT INTO contacts (database_id, crm_id, clave_1, phone, phone2, data, owner_user_id)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::bigint[])
         ON CONFLICT ON CONSTRAINT contacts_crm_key DO NOTHING
         RETURNING 1
       ) SELECT count(*)::int AS n FROM added`,
      cols,
    );
    inserted += Number(rows[0]?.n ?? 0);
  }
  return inserted;
}

/**
 * Loads the demo contact centre (DEMO_IDS): 3 outbound campaigns (predictive,
 * progressive, preview), 2 inbound queues, 20 agents, 2 supervisors, an admin,
 * devices 1001-1030, break states, categories, thousands of contacts and a
 * small blacklist. Deterministic and idempotent: run it on every start.
 */
export async function seedDemoData(client: SqlClient, options: SeedOptions = {}): Promise<SeedReport> {
  const settings = {
    seed: options.seed ?? DEMO_CONTACTS_SEED,
    contacts: options.contacts ?? DEMO_CONTACTS_COUNT,
  };
  const [{ missing }] = await client.query<{ missing: boolean }>(
    `SELECT count(*) < 23 AS missing FROM users
     WHERE login ~ '^agent(0[1-9]|1[0-9]|20)$' OR login IN ('super01', 'super02', 'admin')`,
  );
  // scrypt is slow on purpose; one hash serves every demo user, and only when some are missing.
  const hash = missing ? await hashPassword(DEMO_PASSWORD) : 'unused';
  return client.transaction(async (tx) => {
    const inserted: Record<string, number> = {};
    for (const [table, sql] of Object.entries(referenceSql(hash))) {
      const rows = await tx.query<{ n: number }>(
        `WITH added AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM added`,
      );
      inserted[table] = Number(rows[0]?.n ?? 0);
    }
    inserted['contacts'] = await insertContacts(tx, settings);
    // Explicit ids above leave the serial sequences behind; later inserts must not collide.
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('transfer_numbers', 'id'), greatest(6, (SELECT max(id) FROM transfer_numbers)))`,
    );
    return { inserted };
  });
}
