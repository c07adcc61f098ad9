/**
 * The contact-center schema, PostgreSQL dialect (PGlite and PostgreSQL 13+).
 * The SQL Server version of the tables the gateway's procedures need is
 * ../mssql/001-schema.ts. Versioned: applied once per database.
 */
export const SCHEMA_SQL = /* sql */ `
CREATE TABLE IF NOT EXISTS crms (
  id          bigint PRIMARY KEY,
  name        text NOT NULL,
  key_field   text NOT NULL DEFAULT 'Clave_1',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS contact_databases (
  id      bigint PRIMARY KEY,
  crm_id  bigint NOT NULL REFERENCES crms (id),
  name    text NOT NULL
);

CREATE TABLE IF NOT EXISTS devices (
  extension    text PRIMARY KEY,
  description  text NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS users (
  id              bigint PRIMARY KEY,
  login           text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  email           text,
  password_hash   text NOT NULL,
  roles           text[] NOT NULL CHECK (roles <@ ARRAY['agent', 'supervisor', 'admin']::text[] AND cardinality(roles) > 0),
  default_device  text REFERENCES devices (extension),
  active          boolean NOT NULL DEFAULT true
);

CREATE SEQUENCE IF NOT EXISTS contacts_id_seq START WITH 100000;

CREATE TABLE IF NOT EXISTS contacts (
  id               bigint PRIMARY KEY DEFAULT nextval('contacts_id_seq'),
  database_id      bigint NOT NULL REFERENCES contact_databases (id),
  crm_id           bigint NOT NULL REFERENCES crms (id),
  -- The limits CONTACTO_INSERT_SALESFORCE checks (INVALID_INPUT), and the NVARCHAR sizes on SQL Server.
  clave_1          text NOT NULL CHECK (length(clave_1) <= 255),
  phone            text NOT NULL DEFAULT '' CHECK (length(phone) <= 64),
  phone2           text NOT NULL DEFAULT '' CHECK (length(phone2) <= 64),
  -- The dialer user who owns the customer: known callers are offered to them first (D4).
  owner_user_id    bigint REFERENCES users (id),
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  dial_status      text NOT NULL DEFAULT 'new'
                   CHECK (dial_status IN ('new', 'retry', 'dialing', 'contacted', 'done', 'scheduled', 'exhausted')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  last_result      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- D1: one contact per key in a CRM, whatever the concurrency.
  CONSTRAINT contacts_crm_key UNIQUE (crm_id, clave_1)
);
CREATE INDEX IF NOT EXISTS contacts_to_dial ON contacts (database_id, dial_status, next_attempt_at, id);
CREATE INDEX IF NOT EXISTS contacts_phone ON contacts (phone);

CREATE TABLE IF NOT EXISTS break_states (
  id           bigint PRIMARY KEY,
  name         text NOT NULL,
  system       boolean NOT NULL DEFAULT false,
  productive   boolean NOT NULL DEFAULT false,
  max_seconds  int NOT NULL DEFAULT 0 CHECK (max_seconds BETWEEN 0 AND 28800),
  position     int NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS campaigns (
  id                bigint PRIMARY KEY,
  name              text NOT NULL,
  dialer_mode       text NOT NULL CHECK (dialer_mode IN ('predictive', 'progressive', 'preview', 'manual')),
  crm_id            bigint NOT NULL REFERENCES crms (id),
  database_id       bigint NOT NULL REFERENCES contact_databases (id),
  active            boolean NOT NULL DEFAULT true,
  max_abandon_rate  float8 NOT NULL DEFAULT 0.03 CHECK (max_abandon_rate BETWEEN 0 AND 1),
  abandon_seconds   int NOT NULL DEFAULT 2 CHECK (abandon_seconds BETWEEN 1 AND 60),
  max_attempts      int NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 50),
  retry_minutes     int NOT NULL DEFAULT 60 CHECK (retry_minutes BETWEEN 1 AND 10080),
  preview_seconds   int NOT NULL DEFAULT 30 CHECK (preview_seconds BETWEEN 5 AND 3600),
  max_dial_ratio    float8 NOT NULL DEFAULT 3 CHECK (max_dial_ratio BETWEEN 1 AND 10)
);

CREATE TABLE IF NOT EXISTS campaign_users (
  campaign_id  bigint NOT NULL REFERENCES campaigns (id),
  user_id      bigint NOT NULL REFERENCES users (id),
  PRIMARY KEY (campaign_id, user_id)
);

CREATE TABLE IF NOT EXISTS transfer_numbers (
  id           bigserial PRIMARY KEY,
  campaign_id  bigint NOT NULL REFERENCES campaigns (id),
  number       text NOT NULL,
  label        text NOT NULL,
  position     int NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS queues (
  id                     bigint PRIMARY KEY,
  name                   text NOT NULL,
  crm_id                 bigint NOT NULL REFERENCES crms (id),
  database_id            bigint NOT NULL REFERENCES contact_databases (id),
  search_field           text NOT NULL DEFAULT 'Clave_1',
  key_expression         text NOT NULL DEFAULT 'CLAVESF',
  service_level_seconds  int NOT NULL DEFAULT 20 CHECK (service_level_seconds > 0),
  -- What the IVR passes as @DATA: the caller's number, digits the caller typed, or nothing.
  ivr_data               text NOT NULL DEFAULT 'ani' CHECK (ivr_data IN ('ani', 'input', 'none')),
  max_wait_seconds       int NOT NULL DEFAULT 300 CHECK (max_wait_seconds > 0),
  -- D4: one missed-call Task for this user, never one per agent who was rung.
  missed_call_user_id    bigint REFERENCES users (id),
  -- D4: a known caller whose contact has an owner rings that owner first, if available, for this long.
  owner_routing          boolean NOT NULL DEFAULT true,
  owner_wait_seconds     int NOT NULL DEFAULT 15 CHECK (owner_wait_seconds BETWEEN 0 AND 600),
  -- D4: what the IVR does with a blacklisted caller.
  blacklist_treatment    text NOT NULL DEFAULT 'reject'
                         CHECK (blacklist_treatment IN ('reject', 'busy', 'announcement', 'allow'))
);

CREATE TABLE IF NOT EXISTS queue_users (
  queue_id  bigint NOT NULL REFERENCES queues (id),
  user_id   bigint NOT NULL REFERENCES users (id),
  PRIMARY KEY (queue_id, user_id)
);

CREATE TABLE IF NOT EXISTS categories (
  id                bigint PRIMARY KEY,
  crm_id            bigint NOT NULL REFERENCES crms (id),
  name              text NOT NULL,
  -- An agenda category: it schedules a callback, and the agent needs no Play afterwards (A4).
  schedules         boolean NOT NULL DEFAULT false,
  schedule_minutes  int NOT NULL DEFAULT 60 CHECK (schedule_minutes > 0),
  position          int NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS subcategories (
  id           bigint PRIMARY KEY,
  category_id  bigint NOT NULL REFERENCES categories (id),
  name         text NOT NULL,
  position     int NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS schedules (
  id           bigserial PRIMARY KEY,
  contact_id   bigint NOT NULL REFERENCES contacts (id),
  campaign_id  bigint REFERENCES campaigns (id),
  user_id      bigint REFERENCES users (id),
  at           timestamptz NOT NULL,
  number       text NOT NULL,
  note         text NOT NULL DEFAULT '',
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'dialing', 'done', 'failed', 'cancelled')),
  created_by   bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS schedules_due ON schedules (status, at);
CREATE INDEX IF NOT EXISTS schedules_contact ON schedules (contact_id);

CREATE TABLE IF NOT EXISTS call_history (
  id              bigserial PRIMARY KEY,
  call_id         text NOT NULL,
  leg             int NOT NULL DEFAULT 0,
  contact_id      bigint REFERENCES contacts (id),
  campaign_id     bigint REFERENCES campaigns (id),
  queue_id        bigint REFERENCES queues (id),
  user_id         bigint REFERENCES users (id),
  direction       text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
  dialer_mode     text,
  call_reason     text NOT NULL DEFAULT '',
  number          text NOT NULL DEFAULT '',
  started_at      timestamptz NOT NULL,
  answered_at     timestamptz,
  ended_at        timestamptz NOT NULL,
  talk_seconds    int NOT NULL DEFAULT 0,
  hold_seconds    int NOT NULL DEFAULT 0,
  cause           text NOT NULL,
  category_id     bigint REFERENCES categories (id),
  subcategory_id  bigint REFERENCES subcategories (id),
  note            text NOT NULL DEFAULT '',
  dtmf            text NOT NULL DEFAULT '',
  recording_url   text,
  CONSTRAINT call_history_leg UNIQUE (call_id, leg)
);
CREATE INDEX IF NOT EXISTS call_history_contact ON call_history (contact_id, started_at DESC);

CREATE TABLE IF NOT EXISTS blacklist (
  number      text PRIMARY KEY,
  reason      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
`;
