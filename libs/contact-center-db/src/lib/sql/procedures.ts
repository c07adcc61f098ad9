import type { Row, SqlQueryable } from './sql-client';

/** Parameter types, named as PostgreSQL spells them (the T-SQL scripts use the matching SQL Server types). */
export type SqlType = 'text' | 'bigint' | 'int' | 'boolean' | 'timestamptz' | 'float8';
export type Dialect = 'postgres' | 'mssql';

const both = ['postgres', 'mssql'] as const;
const pgOnly = ['postgres'] as const;

function proc<const P extends readonly (readonly [string, SqlType])[]>(
  dialects: readonly Dialect[],
  params: P,
  summary: string,
): { params: P; dialects: readonly Dialect[]; summary: string } {
  return { params, dialects, summary };
}

/**
 * Every stored procedure of the contact-center database, with its parameters
 * (STYLE.md #7: SQL you can see). A repository method calls exactly one of
 * these; tests check that each one exists, with these parameters, in every
 * dialect it is listed for.
 */
export const PROCEDURES = {
  // --- What the gateway calls (SQL Server at customers, PostgreSQL/PGlite embedded) ---
  CONTACTO_INSERT_SALESFORCE: proc(
    both,
    [
      ['DATA', 'text'],
      ['ANI', 'text'],
      ['IDDATABASE', 'bigint'],
    ],
    'D1: finds the contact whose Clave_1 is DATA in the CRM of IDDATABASE, or inserts it; returns CLAVESF "idContacto-Data".',
  ),
  CONTACT_FIND_BY_KEY: proc(
    both,
    [
      ['IDCRM', 'bigint'],
      ['KEY', 'text'],
    ],
    'The contact of a CRM whose key field (Clave_1) has this value (click-to-dial, B6).',
  ),
  CRM_CATEGORIES: proc(
    both,
    [['IDCRM', 'bigint']],
    'Categories and subcategories of a CRM, one row per subcategory (C5).',
  ),
  CONTACT_HISTORY: proc(
    both,
    [
      ['IDCONTACT', 'bigint'],
      ['MAXROWS', 'int'],
    ],
    'Calls of a contact with their dispositions, newest first.',
  ),
  DATABASE_EXISTS: proc(both, [['IDDATABASE', 'bigint']], 'Whether a contact database exists, and its CRM.'),

  // --- The dialer emulator's own (PostgreSQL/PGlite) ---
  USER_BY_LOGIN: proc(pgOnly, [['LOGIN', 'text']], 'A user with its password hash, for Login.'),
  USERS_LIST: proc(pgOnly, [], 'Every user with roles, campaigns and queues.'),
  DEVICE_EXISTS: proc(pgOnly, [['EXTENSION', 'text']], 'Whether a device (extension) exists.'),
  DEVICES_LIST: proc(pgOnly, [], 'Every device (extension).'),
  BREAK_STATES_LIST: proc(pgOnly, [], 'Break states, system and custom (A3).'),
  CAMPAIGNS_LIST: proc(pgOnly, [], 'Outbound campaigns with the users assigned to each.'),
  CAMPAIGN_UPDATE: proc(
    pgOnly,
    [
      ['IDCAMPAIGN', 'bigint'],
      ['ACTIVE', 'boolean'],
      ['MAXABANDONRATE', 'float8'],
    ],
    'Switches a campaign on or off and sets its abandon target (null leaves a value as it is).',
  ),
  QUEUES_LIST: proc(pgOnly, [], 'Inbound queues (D2) with their agents.'),
  TRANSFER_NUMBERS_LIST: proc(pgOnly, [['IDCAMPAIGN', 'bigint']], "A campaign's transfer numbers."),
  CONTACT_GET: proc(pgOnly, [['IDCONTACT', 'bigint']], 'One contact by id.'),
  CONTACTS_NEXT_TO_DIAL: proc(
    pgOnly,
    [
      ['IDCAMPAIGN', 'bigint'],
      ['NOW', 'timestamptz'],
      ['MAXROWS', 'int'],
    ],
    "Reserves the next contacts of a campaign's database to dial (new or due for a retry, never blacklisted).",
  ),
  CONTACT_RETURN: proc(
    pgOnly,
    [['IDCONTACT', 'bigint']],
    'Gives back a reserved contact that was not dialled.',
  ),
  CONTACT_SKIP: proc(
    pgOnly,
    [
      ['IDCONTACT', 'bigint'],
      ['IDCAMPAIGN', 'bigint'],
      ['NOW', 'timestamptz'],
    ],
    "Gives back a previewed contact the agent skipped, due again after the campaign's retry interval (B7).",
  ),
  CONTACT_ATTEMPT_RESULT: proc(
    pgOnly,
    [
      ['IDCONTACT', 'bigint'],
      ['IDCAMPAIGN', 'bigint'],
      ['RESULT', 'text'],
      ['NOW', 'timestamptz'],
    ],
    "Records a dial attempt's result: contacted, or a retry at the campaign's interval until its maximum.",
  ),
  CONTACT_RELEASE: proc(
    pgOnly,
    [['IDCONTACT', 'bigint']],
    'Releases a contacted contact without a category.',
  ),
  CALL_HISTORY_INSERT: proc(
    pgOnly,
    [
      ['CALLID', 'text'],
      ['LEG', 'int'],
      ['IDCONTACT', 'bigint'],
      ['IDCAMPAIGN', 'bigint'],
      ['IDQUEUE', 'bigint'],
      ['IDUSER', 'bigint'],
      ['DIRECTION', 'text'],
      ['DIALERMODE', 'text'],
      ['CALLREASON', 'text'],
      ['NUMBER', 'text'],
      ['STARTEDAT', 'timestamptz'],
      ['ANSWEREDAT', 'timestamptz'],
      ['ENDEDAT', 'timestamptz'],
      ['TALKSECONDS', 'int'],
      ['HOLDSECONDS', 'int'],
      ['CAUSE', 'text'],
      ['DTMF', 'text'],
      ['RECORDINGURL', 'text'],
    ],
    'Writes one leg of a finished call (idempotent per call id and leg).',
  ),
  CALL_DISPOSITION: proc(
    pgOnly,
    [
      ['IDCONTACT', 'bigint'],
      ['CALLID', 'text'],
      ['IDUSER', 'bigint'],
      ['IDCAMPAIGN', 'bigint'],
      ['IDCATEGORY', 'bigint'],
      ['IDSUBCATEGORY', 'bigint'],
      ['NOTE', 'text'],
      ['NOW', 'timestamptz'],
      ['AT', 'timestamptz'],
    ],
    "UpdateContact: checks the category belongs to the contact's CRM, records it on the call, closes the contact or schedules it (agenda categories: at AT, or after the category's delay).",
  ),
  CALL_HISTORY_NOTE: proc(
    pgOnly,
    [
      ['CALLID', 'text'],
      ['IDCONTACT', 'bigint'],
      ['NOTE', 'text'],
    ],
    "Keeps the agent's note on a call that was not categorised (a callback, a bare release).",
  ),
  SCHEDULE_INSERT: proc(
    pgOnly,
    [
      ['IDCONTACT', 'bigint'],
      ['IDCAMPAIGN', 'bigint'],
      ['IDUSER', 'bigint'],
      ['AT', 'timestamptz'],
      ['NUMBER', 'text'],
      ['NOTE', 'text'],
      ['CREATEDBY', 'bigint'],
    ],
    'AGENDAR: a callback for the contact at a time, personal (IDUSER) or for the campaign (B8).',
  ),
  SCHEDULES_DUE: proc(
    pgOnly,
    [
      ['NOW', 'timestamptz'],
      ['MAXROWS', 'int'],
    ],
    'Pending callbacks whose time has come, oldest first.',
  ),
  SCHEDULE_TAKE: proc(pgOnly, [['IDSCHEDULE', 'bigint']], 'Claims a pending callback for dialling.'),
  SCHEDULE_FINISH: proc(
    pgOnly,
    [
      ['IDSCHEDULE', 'bigint'],
      ['STATUS', 'text'],
    ],
    'Closes a callback (done, failed) or puts it back (pending).',
  ),
  SCHEDULES_OF_CONTACT: proc(pgOnly, [['IDCONTACT', 'bigint']], 'Callbacks of a contact.'),
  BLACKLIST_CHECK: proc(pgOnly, [['NUMBER', 'text']], 'Whether a number is on the blacklist (D4).'),
  CAMPAIGN_CONTACT_FIGURES: proc(
    pgOnly,
    [['IDCAMPAIGN', 'bigint']],
    "Contacts of a campaign's database by dial status, and pending callbacks.",
  ),
  DIALER_RECOVER: proc(
    pgOnly,
    [],
    'After a restart: contacts and callbacks left reserved go back to the pool.',
  ),
  CALL_ID_LAST: proc(pgOnly, [], 'The highest call id in the history, so that new ids never repeat one.'),
  DIALER_INSTANCE_GET: proc(
    pgOnly,
    [],
    "This dialer's instance id, made once for the life of its database (CallObject = instance:call id).",
  ),
  CALL_IDS_RESERVE: proc(
    pgOnly,
    [['COUNT', 'int']],
    'Reserves the next COUNT call ids for this run: ids never repeat for the life of the database.',
  ),
  DIALER_SESSION_SAVE: proc(
    pgOnly,
    [
      ['TOKEN', 'text'],
      ['IDUSER', 'text'],
      ['DEVICE', 'text'],
      ['IDCAMPAIGN', 'text'],
    ],
    "An agent's session (one per user): kept so a dialer restart keeps the agent logged in.",
  ),
  DIALER_SESSION_END: proc(pgOnly, [['TOKEN', 'text']], 'Forgets a session (logout, replaced).'),
  DIALER_SESSIONS_LIST: proc(pgOnly, [], 'The sessions to restore at start.'),
} as const;

export type ProcedureName = keyof typeof PROCEDURES;
type ParamNames<N extends ProcedureName> = (typeof PROCEDURES)[N]['params'][number][0];
export type ProcedureArgs<N extends ProcedureName> = { [K in ParamNames<N>]: unknown };

export const PROCEDURE_NAMES = Object.keys(PROCEDURES) as ProcedureName[];

/**
 * Errors the procedures raise on purpose, by SQLSTATE (PostgreSQL) and error
 * number (SQL Server THROW): stable, so adapters map them onto their codes.
 */
export const PROCEDURE_ERRORS = {
  CONTACT_NOT_FOUND: { sqlstate: 'PU001', mssql: 50001 },
  CATEGORY_NOT_FOUND: { sqlstate: 'PU002', mssql: 50002 },
  SUBCATEGORY_NOT_FOUND: { sqlstate: 'PU003', mssql: 50003 },
  DATABASE_NOT_FOUND: { sqlstate: 'PU004', mssql: 50004 },
  CRM_NOT_FOUND: { sqlstate: 'PU005', mssql: 50005 },
  CAMPAIGN_NOT_FOUND: { sqlstate: 'PU006', mssql: 50006 },
  INVALID_INPUT: { sqlstate: 'PU007', mssql: 50007 },
} as const;
export type ProcedureErrorCode = keyof typeof PROCEDURE_ERRORS;

export function procedureErrorOf(sqlstate: string | undefined): ProcedureErrorCode | undefined {
  if (!sqlstate) return undefined;
  return (Object.keys(PROCEDURE_ERRORS) as ProcedureErrorCode[]).find(
    (code) => PROCEDURE_ERRORS[code].sqlstate === sqlstate,
  );
}

export function procedureErrorOfMssql(number: number | undefined): ProcedureErrorCode | undefined {
  if (number === undefined) return undefined;
  return (Object.keys(PROCEDURE_ERRORS) as ProcedureErrorCode[]).find(
    (code) => PROCEDURE_ERRORS[code].mssql === number,
  );
}

/** The PostgreSQL function behind a procedure: unquoted, so lower case. */
export function pgFunctionName(name: ProcedureName): string {
  return name.toLowerCase();
}

function argumentOf(name: ProcedureName, args: object, param: string): unknown {
  if (!(param in args)) throw new Error(`${name}: argument ${param} is missing`);
  return (args as Record<string, unknown>)[param] ?? null;
}

/**
 * Calls a procedure on PostgreSQL/PGlite: `SELECT * FROM name($1::type, …)`,
 * arguments taken by name in catalogue order; a missing one is a bug, not a null.
 */
export async function callProcedure<N extends ProcedureName, R extends Row = Row>(
  db: SqlQueryable,
  name: N,
  args: ProcedureArgs<N>,
): Promise<R[]> {
  const params = PROCEDURES[name].params;
  const values = params.map(([param]) => argumentOf(name, args, param));
  const placeholders = params.map(([, type], i) => `$${i + 1}::${type}`).join(', ');
  return db.query<R>(`SELECT * FROM ${pgFunctionName(name)}(${placeholders})`, values);
}

/** The column a batch call adds to each result row: the 1-based position of the arguments it came from. */
export const BATCH_ORDINAL = 'batch_ord';

/**
 * Calls a procedure once per argument set in one statement on
 * PostgreSQL/PGlite: the sets travel as one array per parameter and the
 * function runs for each row of their `unnest`, in order, so later calls see
 * what earlier ones wrote. One statement is one transaction: when any call
 * raises, none of the batch is kept. Each result row carries BATCH_ORDINAL.
 */
export async function callProcedureBatch<N extends ProcedureName, R extends Row = Row>(
  db: SqlQueryable,
  name: N,
  argSets: readonly ProcedureArgs<N>[],
): Promise<(R & Record<typeof BATCH_ORDINAL, unknown>)[]> {
  const params = PROCEDURES[name].params;
  const columns = params.map(([param]) => argSets.map((args) => argumentOf(name, args, param)));
  const unnest = params.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const names = params.map(([param]) => `p_${param.toLowerCase()}`);
  return db.query(
    `SELECT b.ord AS ${BATCH_ORDINAL}, r.* FROM unnest(${unnest}) WITH ORDINALITY AS b(${names.join(', ')}, ord) ` +
      `CROSS JOIN LATERAL ${pgFunctionName(name)}(${names.map((n) => `b.${n}`).join(', ')}) AS r ORDER BY b.ord`,
    columns,
  );
}
