/**
 * The tables the gateway's procedures read and write, SQL Server dialect
 * (2016 SP1 and later). A subset of ../postgres/001-schema.ts with the same
 * names and sizes; each statement is guarded, so the script can run again.
 * clave_1 is compared in a binary collation: Salesforce ids differ by case,
 * and PostgreSQL compares text byte for byte too.
 */
export const MSSQL_SCHEMA_BATCHES: readonly string[] = [
  /* sql */ `
IF OBJECT_ID(N'dbo.crms', N'U') IS NULL
CREATE TABLE dbo.crms (
  id          BIGINT NOT NULL PRIMARY KEY,
  name        NVARCHAR(200) NOT NULL,
  key_field   NVARCHAR(64) NOT NULL DEFAULT N'Clave_1',
  created_at  DATETIMEOFFSET NOT NULL DEFAULT SYSDATETIMEOFFSET()
);`,
  /* sql */ `
IF OBJECT_ID(N'dbo.contact_databases', N'U') IS NULL
CREATE TABLE dbo.contact_databases (
  id      BIGINT NOT NULL PRIMARY KEY,
  crm_id  BIGINT NOT NULL REFERENCES dbo.crms (id),
  name    NVARCHAR(200) NOT NULL
);`,
  /* sql */ `
IF OBJECT_ID(N'dbo.users', N'U') IS NULL
CREATE TABLE dbo.users (
  id            BIGINT NOT NULL PRIMARY KEY,
  login         NVARCHAR(100) NOT NULL UNIQUE,
  display_name  NVARCHAR(200) NOT NULL
);`,
  /* sql */ `
IF OBJECT_ID(N'dbo.contacts_id_seq', N'SO') IS NULL
CREATE SEQUENCE dbo.contacts_id_seq AS BIGINT START WITH 100000;`,
  /* sql */ `
IF OBJECT_ID(N'dbo.contacts', N'U') IS NULL
CREATE TABLE dbo.contacts (
  id             BIGINT NOT NULL PRIMARY KEY DEFAULT (NEXT VALUE FOR dbo.contacts_id_seq),
  database_id    BIGINT NOT NULL REFERENCES dbo.contact_databases (id),
  crm_id         BIGINT NOT NULL REFERENCES dbo.crms (id),
  clave_1        NVARCHAR(255) COLLATE Latin1_General_100_BIN2 NOT NULL,
  phone          NVARCHAR(64) NOT NULL DEFAULT N'',
  phone2         NVARCHAR(64) NOT NULL DEFAULT N'',
  owner_user_id  BIGINT NULL REFERENCES dbo.users (id),
  data           NVARCHAR(MAX) NOT NULL DEFAULT N'{}',
  dial_status    NVARCHAR(20) NOT NULL DEFAULT N'new',
  created_at     DATETIMEOFFSET NOT NULL DEFAULT SYSDATETIMEOFFSET(),
  -- D1: one contact per key in a CRM, whatever the concurrency.
  CONSTRAINT contacts_crm_key UNIQUE (crm_id, clave_1)
);`,
  /* sql */ `
IF OBJECT_ID(N'dbo.categories', N'U') IS NULL
CREATE TABLE dbo.categories (
  id                BIGINT NOT NULL PRIMARY KEY,
  crm_id            BIGINT NOT NULL REFERENCES dbo.crms (id),
  name              NVARCHAR(200) NOT NULL,
  schedules         BIT NOT NULL DEFAULT 0,
  schedule_minutes  INT NOT NULL DEFAULT 60,
  position          INT NOT NULL DEFAULT 0
);`,
  /* sql */ `
IF OBJECT_ID(N'dbo.subcategories', N'U') IS NULL
CREATE TABLE dbo.subcategories (
  id           BIGINT NOT NULL PRIMARY KEY,
  category_id  BIGINT NOT NULL REFERENCES dbo.categories (id),
  name         NVARCHAR(200) NOT NULL,
  position     INT NOT NULL DEFAULT 0
);`,
  /* sql */ `
IF OBJECT_ID(N'dbo.call_history', N'U') IS NULL
CREATE TABLE dbo.call_history (
  id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  call_id         NVARCHAR(64) NOT NULL,
  leg             INT NOT NULL DEFAULT 0,
  contact_id      BIGINT NULL REFERENCES dbo.contacts (id),
  campaign_id     BIGINT NULL,
  queue_id        BIGINT NULL,
  user_id         BIGINT NULL REFERENCES dbo.users (id),
  direction       NVARCHAR(10) NOT NULL,
  dialer_mode     NVARCHAR(20) NULL,
  call_reason     NVARCHAR(100) NOT NULL DEFAULT N'',
  number          NVARCHAR(64) NOT NULL DEFAULT N'',
  started_at      DATETIMEOFFSET NOT NULL,
  answered_at     DATETIMEOFFSET NULL,
  ended_at        DATETIMEOFFSET NOT NULL,
  talk_seconds    INT NOT NULL DEFAULT 0,
  hold_seconds    INT NOT NULL DEFAULT 0,
  cause           NVARCHAR(64) NOT NULL,
  category_id     BIGINT NULL REFERENCES dbo.categories (id),
  subcategory_id  BIGINT NULL REFERENCES dbo.subcategories (id),
  note            NVARCHAR(4000) NOT NULL DEFAULT N'',
  dtmf            NVARCHAR(200) NOT NULL DEFAULT N'',
  recording_url   NVARCHAR(1000) NULL,
  CONSTRAINT call_history_leg UNIQUE (call_id, leg)
);`,
  /* sql */ `
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'call_history_contact' AND object_id = OBJECT_ID(N'dbo.call_history'))
CREATE INDEX call_history_contact ON dbo.call_history (contact_id, started_at DESC);`,
];
