/**
 * The gateway's procedures, T-SQL. Twins of ../postgres/002-gateway-procedures.ts:
 * the same parameters (checked against PROCEDURES by a test), the same result
 * columns, and THROW numbers from PROCEDURE_ERRORS. Text parameters are
 * NVARCHAR(4000) and checked inside: SQL Server silently truncates a longer
 * argument to a shorter parameter, which would hide an INVALID_INPUT.
 */
export const MSSQL_PROCEDURE_BATCHES: readonly string[] = [
  /* sql */ `
CREATE OR ALTER PROCEDURE dbo.CONTACTO_INSERT_SALESFORCE
  @DATA NVARCHAR(4000),
  @ANI NVARCHAR(4000),
  @IDDATABASE BIGINT
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @data NVARCHAR(4000) = LTRIM(RTRIM(COALESCE(@DATA, N'')));
  DECLARE @ani NVARCHAR(4000) = LTRIM(RTRIM(COALESCE(@ANI, N'')));
  DECLARE @controls NVARCHAR(10) = N'%[' + NCHAR(1) + N'-' + NCHAR(31) + NCHAR(127) + N']%';
  DECLARE @crm BIGINT, @id BIGINT, @created BIT = 0, @attempt INT = 0, @message NVARCHAR(2048);

  IF LEN(@data) > 255 THROW 50007, N'DATA is longer than 255 characters', 1;
  IF LEN(@ani) > 64 THROW 50007, N'ANI is longer than 64 characters', 1;
  IF PATINDEX(@controls, @data COLLATE Latin1_General_100_BIN2) > 0
     OR PATINDEX(@controls, @ani COLLATE Latin1_General_100_BIN2) > 0
    THROW 50007, N'DATA and ANI must not contain control characters', 1;
  -- A private or anonymous caller has no number to store, but still gets a contact (D3).
  IF @ani NOT LIKE N'%[0-9]%' SET @ani = N'';

  SELECT @crm = d.crm_id FROM dbo.contact_databases d WHERE d.id = @IDDATABASE;
  IF @crm IS NULL
  BEGIN
    SET @message = CONCAT(N'contact database ', @IDDATABASE, N' does not exist');
    THROW 50004, @message, 1;
  END;

  -- Empty DATA: a new contact whose key is its own id; the result is "idContacto-" (no search).
  IF @data = N''
  BEGIN
    SET @id = NEXT VALUE FOR dbo.contacts_id_seq;
    INSERT INTO dbo.contacts (id, database_id, crm_id, clave_1, phone)
    VALUES (@id, @IDDATABASE, @crm, CAST(@id AS NVARCHAR(20)), @ani);
    SELECT CONCAT(@id, N'-') AS clavesf, CAST(@id AS NVARCHAR(20)) AS id_contacto,
           N'' AS data, CAST(1 AS BIT) AS created;
    RETURN;
  END;

  -- UPDLOCK + HOLDLOCK lock the key's range, so a concurrent call with the same
  -- key waits here and then finds our row; the CATCH retries a lost race anyway.
  WHILE 1 = 1
  BEGIN
    BEGIN TRY
      BEGIN TRANSACTION;
      SET @id = NULL;
      SET @created = 0;
      SELECT @id = c.id FROM dbo.contacts c WITH (UPDLOCK, HOLDLOCK)
      WHERE c.crm_id = @crm AND c.clave_1 = @data;
      IF @id IS NULL
      BEGIN
        SET @id = NEXT VALUE FOR dbo.contacts_id_seq;
        INSERT INTO dbo.contacts (id, database_id, crm_id, clave_1, phone)
        VALUES (@id, @IDDATABASE, @crm, @data, @ani);
        SET @created = 1;
      END;
      COMMIT TRANSACTION;
      BREAK;
    END TRY
    BEGIN CATCH
      IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
      SET @attempt += 1;
      -- 2601/2627: duplicate key; 1205: chosen as a deadlock victim.
      IF ERROR_NUMBER() NOT IN (2601, 2627, 1205) OR @attempt >= 5 THROW;
    END CATCH;
  END;

  SELECT CONCAT(@id, N'-', @data) AS clavesf, CAST(@id AS NVARCHAR(20)) AS id_contacto,
         @data AS data, @created AS created;
END;`,
  /* sql */ `
CREATE OR ALTER PROCEDURE dbo.CONTACT_FIND_BY_KEY
  @IDCRM BIGINT,
  @KEY NVARCHAR(4000)
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @message NVARCHAR(2048);
  IF NOT EXISTS (SELECT 1 FROM dbo.crms r WHERE r.id = @IDCRM)
  BEGIN
    SET @message = CONCAT(N'CRM ', @IDCRM, N' does not exist');
    THROW 50005, @message, 1;
  END;
  SELECT CAST(c.id AS NVARCHAR(20)) AS id, CAST(c.database_id AS NVARCHAR(20)) AS database_id,
         CAST(c.crm_id AS NVARCHAR(20)) AS crm_id, c.clave_1, c.phone, c.phone2, c.data,
         c.dial_status, c.created_at
  FROM dbo.contacts c
  WHERE c.crm_id = @IDCRM AND c.clave_1 = LTRIM(RTRIM(@KEY));
END;`,
  /* sql */ `
CREATE OR ALTER PROCEDURE dbo.CRM_CATEGORIES
  @IDCRM BIGINT
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @message NVARCHAR(2048);
  IF NOT EXISTS (SELECT 1 FROM dbo.crms r WHERE r.id = @IDCRM)
  BEGIN
    SET @message = CONCAT(N'CRM ', @IDCRM, N' does not exist');
    THROW 50005, @message, 1;
  END;
  SELECT CAST(k.id AS NVARCHAR(20)) AS category_id, k.name AS category_name, k.schedules,
         k.position AS category_position, CAST(s.id AS NVARCHAR(20)) AS subcategory_id,
         s.name AS subcategory_name, s.position AS subcategory_position
  FROM dbo.categories k
  LEFT JOIN dbo.subcategories s ON s.category_id = k.id
  WHERE k.crm_id = @IDCRM
  ORDER BY k.position, k.id, s.position, s.id;
END;`,
  /* sql */ `
CREATE OR ALTER PROCEDURE dbo.CONTACT_HISTORY
  @IDCONTACT BIGINT,
  @MAXROWS INT
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @message NVARCHAR(2048);
  DECLARE @rows INT = COALESCE(@MAXROWS, 50);
  IF @rows < 1 SET @rows = 1;
  IF @rows > 500 SET @rows = 500;
  IF NOT EXISTS (SELECT 1 FROM dbo.contacts c WHERE c.id = @IDCONTACT)
  BEGIN
    SET @message = CONCAT(N'contact ', @IDCONTACT, N' does not exist');
    THROW 50001, @message, 1;
  END;
  SELECT TOP (@rows)
         h.call_id, h.leg, h.started_at, h.answered_at, h.ended_at, h.direction, h.dialer_mode,
         h.call_reason, h.number, CAST(h.campaign_id AS NVARCHAR(20)) AS campaign_id,
         CAST(h.queue_id AS NVARCHAR(20)) AS queue_id, CAST(h.user_id AS NVARCHAR(20)) AS user_id,
         u.login AS user_login, h.talk_seconds, h.hold_seconds, h.cause,
         CAST(h.category_id AS NVARCHAR(20)) AS category_id, k.name AS category_name,
         CAST(h.subcategory_id AS NVARCHAR(20)) AS subcategory_id, s.name AS subcategory_name,
         h.note, h.dtmf, h.recording_url
  FROM dbo.call_history h
  LEFT JOIN dbo.users u ON u.id = h.user_id
  LEFT JOIN dbo.categories k ON k.id = h.category_id
  LEFT JOIN dbo.subcategories s ON s.id = h.subcategory_id
  WHERE h.contact_id = @IDCONTACT
  ORDER BY h.started_at DESC, h.id DESC;
END;`,
  /* sql */ `
CREATE OR ALTER PROCEDURE dbo.DATABASE_EXISTS
  @IDDATABASE BIGINT
AS
BEGIN
  SET NOCOUNT ON;
  -- Always one row, so a caller can tell "no such database" from "no answer".
  SELECT CAST(CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS BIT) AS found,
         CAST(d.crm_id AS NVARCHAR(20)) AS crm_id, d.name
  FROM (SELECT 1 AS one) x
  LEFT JOIN dbo.contact_databases d ON d.id = @IDDATABASE;
END;`,
];
