/**
 * The procedures the gateway calls, PostgreSQL dialect. Their SQL Server
 * twins are in ../mssql/002-procedures.ts and must behave the same: the
 * same behaviour tests run against both. Repeatable: re-applied whenever
 * this text changes (CREATE OR REPLACE).
 */
export const GATEWAY_PROCEDURES_SQL = /* sql */ `
-- D1, D3: find the caller by key or create them; CLAVESF = "idContacto-Data".
CREATE OR REPLACE FUNCTION contacto_insert_salesforce(p_data text, p_ani text, p_iddatabase bigint)
RETURNS TABLE (clavesf text, id_contacto text, data text, created boolean)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_data text := btrim(coalesce(p_data, ''));
  v_ani  text := btrim(coalesce(p_ani, ''));
  v_crm  bigint;
  v_id   bigint;
BEGIN
  IF length(v_data) > 255 THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'DATA is longer than 255 characters';
  END IF;
  IF length(v_ani) > 64 THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'ANI is longer than 64 characters';
  END IF;
  -- Control characters never come from a keypad or a caller id: refuse them rather than store them.
  IF v_data ~ '[[:cntrl:]]' OR v_ani ~ '[[:cntrl:]]' THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'DATA and ANI must not contain control characters';
  END IF;
  -- A private or anonymous caller has no number to store, but still gets a contact (D3).
  IF v_ani !~ '[0-9]' THEN
    v_ani := '';
  END IF;
  SELECT d.crm_id INTO v_crm FROM contact_databases d WHERE d.id = p_iddatabase;
  IF v_crm IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'PU004', MESSAGE = format('contact database %s does not exist', p_iddatabase);
  END IF;

  -- Empty DATA: a new contact whose key is its own id; the result is "idContacto-" (no search).
  IF v_data = '' THEN
    v_id := nextval('contacts_id_seq');
    INSERT INTO contacts (id, database_id, crm_id, clave_1, phone)
    VALUES (v_id, p_iddatabase, v_crm, v_id::text, v_ani);
    RETURN QUERY SELECT v_id::text || '-', v_id::text, ''::text, true;
    RETURN;
  END IF;

  -- Find, else insert; a concurrent insert of the same key makes ours do nothing, and the loop finds theirs.
  LOOP
    SELECT c.id INTO v_id FROM contacts c WHERE c.crm_id = v_crm AND c.clave_1 = v_data;
    IF FOUND THEN
      RETURN QUERY SELECT v_id::text || '-' || v_data, v_id::text, v_data, false;
      RETURN;
    END IF;
    INSERT INTO contacts (database_id, crm_id, clave_1, phone)
    VALUES (p_iddatabase, v_crm, v_data, v_ani)
    ON CONFLICT ON CONSTRAINT contacts_crm_key DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NOT NULL THEN
      RETURN QUERY SELECT v_id::text || '-' || v_data, v_id::text, v_data, true;
      RETURN;
    END IF;
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION contact_find_by_key(p_idcrm bigint, p_key text)
RETURNS TABLE (id text, database_id text, crm_id text, clave_1 text, phone text, phone2 text,
               data jsonb, dial_status text, created_at timestamptz)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM crms r WHERE r.id = p_idcrm) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU005', MESSAGE = format('CRM %s does not exist', p_idcrm);
  END IF;
  RETURN QUERY
    SELECT c.id::text, c.database_id::text, c.crm_id::text, c.clave_1, c.phone, c.phone2,
           c.data, c.dial_status, c.created_at
    FROM contacts c
    WHERE c.crm_id = p_idcrm AND c.clave_1 = btrim(p_key);
END
$fn$;

CREATE OR REPLACE FUNCTION crm_categories(p_idcrm bigint)
RETURNS TABLE (category_id text, category_name text, schedules boolean, category_position int,
               subcategory_id text, subcategory_name text, subcategory_position int)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM crms r WHERE r.id = p_idcrm) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU005', MESSAGE = format('CRM %s does not exist', p_idcrm);
  END IF;
  RETURN QUERY
    SELECT k.id::text, k.name, k.schedules, k.position, s.id::text, s.name, s.position
    FROM categories k
    LEFT JOIN subcategories s ON s.category_id = k.id
    WHERE k.crm_id = p_idcrm
    ORDER BY k.position, k.id, s.position, s.id;
END
$fn$;

CREATE OR REPLACE FUNCTION contact_history(p_idcontact bigint, p_maxrows int)
RETURNS TABLE (call_id text, leg int, started_at timestamptz, answered_at timestamptz, ended_at timestamptz,
               direction text, dialer_mode text, call_reason text, number text,
               campaign_id text, queue_id text, user_id text, user_login text,
               talk_seconds int, hold_seconds int, cause text,
               category_id text, category_name text, subcategory_id text, subcategory_name text,
               note text, dtmf text, recording_url text)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = p_idcontact) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU001', MESSAGE = format('contact %s does not exist', p_idcontact);
  END IF;
  RETURN QUERY
    SELECT h.call_id, h.leg, h.started_at, h.answered_at, h.ended_at, h.direction, h.dialer_mode,
           h.call_reason, h.number, h.campaign_id::text, h.queue_id::text, h.user_id::text, u.login,
           h.talk_seconds, h.hold_seconds, h.cause, h.category_id::text, k.name, h.subcategory_id::text,
           s.name, h.note, h.dtmf, h.recording_url
    FROM call_history h
    LEFT JOIN users u ON u.id = h.user_id
    LEFT JOIN categories k ON k.id = h.category_id
    LEFT JOIN subcategories s ON s.id = h.subcategory_id
    WHERE h.contact_id = p_idcontact
    ORDER BY h.started_at DESC, h.id DESC
    LIMIT greatest(1, least(coalesce(p_maxrows, 50), 500));
END
$fn$;

-- Always one row, so a caller can tell "no such database" from "no answer".
CREATE OR REPLACE FUNCTION database_exists(p_iddatabase bigint)
RETURNS TABLE (found boolean, crm_id text, name text)
LANGUAGE sql STABLE AS $fn$
  SELECT EXISTS (SELECT 1 FROM contact_databases d WHERE d.id = p_iddatabase),
         (SELECT d.crm_id::text FROM contact_databases d WHERE d.id = p_iddatabase),
         (SELECT d.name FROM contact_databases d WHERE d.id = p_iddatabase);
$fn$;
`;
