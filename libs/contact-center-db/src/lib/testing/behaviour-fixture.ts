/**
 * The data every ContactDb behaviour test starts from, as plain INSERTs that
 * PostgreSQL and SQL Server both accept (booleans as '1'/'0', N'' text).
 */
export const FIXTURE = {
  crmVentas: '1',
  crmCobranzas: '2',
  crmEmpty: '3',
  dbVentas: '10',
  dbVentasOther: '11',
  dbCobranzas: '20',
  knownContact: '500',
  knownKey: 'KNOWN-1',
  knownPhone: '+5491155551234',
  agent: '1',
} as const;

const COMMON = [
  `INSERT INTO crms (id, name) VALUES (1, N'Ventas'), (2, N'Cobranzas'), (3, N'Sin categorías')`,
  `INSERT INTO contact_databases (id, crm_id, name) VALUES
     (10, 1, N'Clientes Ventas'), (11, 1, N'Ventas Web'), (20, 2, N'Deudores')`,
  `INSERT INTO categories (id, crm_id, name, schedules, position) VALUES
     (100, 1, N'Venta', '0', 1), (101, 1, N'Volver a llamar', '1', 2), (102, 1, N'No interesa', '0', 3),
     (200, 2, N'Promesa de pago', '0', 1)`,
  `INSERT INTO subcategories (id, category_id, name, position) VALUES
     (1001, 100, N'Tarjeta', 1), (1002, 100, N'Débito', 2), (1021, 102, N'Precio', 1)`,
  `INSERT INTO contacts (id, database_id, crm_id, clave_1, phone, phone2, data) VALUES
     (500, 10, 1, N'KNOWN-1', N'+5491155551234', N'+541143210000', '{"Nombre":"Ana","Plan":"Oro"}')`,
  `INSERT INTO call_history (call_id, leg, contact_id, user_id, direction, number, started_at, ended_at,
                             talk_seconds, cause, category_id, subcategory_id) VALUES
     (N'9001', 0, 500, 1, N'outbound', N'+5491155551234', '2024-05-01T10:00:00Z', '2024-05-01T10:03:00Z',
      170, N'normal', 100, 1001),
     (N'9002', 0, 500, NULL, N'inbound', N'+5491155551234', '2024-05-02T09:00:00Z', '2024-05-02T09:00:30Z',
      0, N'no_answer', NULL, NULL)`,
];

export const PG_FIXTURE_STATEMENTS = [
  `INSERT INTO users (id, login, display_name, password_hash, roles) VALUES (1, 'agent01', 'Agente Uno', 'x', '{agent}')`,
  ...COMMON,
];

export const MSSQL_FIXTURE_STATEMENTS = [
  `INSERT INTO users (id, login, display_name) VALUES (1, N'agent01', N'Agente Uno')`,
  ...COMMON,
];
