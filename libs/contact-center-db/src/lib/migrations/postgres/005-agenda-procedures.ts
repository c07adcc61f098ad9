/**
 * Dispositions (UpdateContact, C5) and the agenda (AGENDAR, B8), PostgreSQL
 * dialect, the emulator's side. Each is one function call, so atomic.
 */
export const AGENDA_PROCEDURES_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION call_disposition(
  p_idcontact bigint, p_callid text, p_iduser bigint, p_idcampaign bigint, p_idcategory bigint,
  p_idsubcategory bigint, p_note text, p_now timestamptz, p_at timestamptz)
RETURNS TABLE (dial_status text, schedules boolean, schedule_id text, history_rows int)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_contact  contacts%ROWTYPE;
  v_category categories%ROWTYPE;
  v_rows     int := 0;
  v_schedule bigint;
  v_status   text;
BEGIN
  SELECT * INTO v_contact FROM contacts c WHERE c.id = p_idcontact FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'PU001', MESSAGE = format('contact %s does not exist', p_idcontact);
  END IF;
  -- A category of another CRM is as unknown to this contact as one that does not exist.
  SELECT * INTO v_category FROM categories k WHERE k.id = p_idcategory AND k.crm_id = v_contact.crm_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'PU002',
      MESSAGE = format('category %s does not exist in CRM %s', p_idcategory, v_contact.crm_id);
  END IF;
  IF p_idsubcategory IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM subcategories s WHERE s.id = p_idsubcategory AND s.category_id = p_idcategory) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU003',
      MESSAGE = format('subcategory %s does not belong to category %s', p_idsubcategory, p_idcategory);
  END IF;
  IF p_idcampaign IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns k WHERE k.id = p_idcampaign) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
  END IF;
  IF length(coalesce(p_note, '')) > 4000 THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'NOTE is longer than 4000 characters';
  END IF;
  IF p_at IS NOT NULL AND NOT v_category.schedules THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007',
      MESSAGE = format('category %s does not schedule a callback: AT is not for it', p_idcategory);
  END IF;

  IF p_callid IS NOT NULL THEN
    UPDATE call_history h
    SET category_id = p_idcategory, subcategory_id = p_idsubcategory, note = coalesce(p_note, '')
    WHERE h.call_id = p_callid AND (h.contact_id = p_idcontact OR h.contact_id IS NULL);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
  END IF;

  IF v_category.schedules THEN
    -- An agenda category: the time the agent picked (AT) replaces a pending callback, as SCHEDULE_INSERT
    -- does; without one, keep the pending callback or book one after the category's delay.
    IF p_at IS NOT NULL THEN
      UPDATE schedules s SET status = 'cancelled' WHERE s.contact_id = p_idcontact AND s.status = 'pending';
    END IF;
    SELECT s.id INTO v_schedule FROM schedules s
    WHERE s.contact_id = p_idcontact AND s.status = 'pending' ORDER BY s.at LIMIT 1;
    IF v_schedule IS NULL THEN
      INSERT INTO schedules (contact_id, campaign_id, user_id, at, number, note, created_by)
      VALUES (p_idcontact, p_idcampaign, p_iduser,
              coalesce(p_at, p_now + make_interval(mins => v_category.schedule_minutes)),
              v_contact.phone, coalesce(p_note, ''), p_iduser)
      RETURNING id INTO v_schedule;
    END IF;
    v_status := 'scheduled';
  ELSE
    v_status := 'done';
  END IF;
  UPDATE contacts c SET dial_status = v_status, updated_at = p_now WHERE c.id = p_idcontact;
  RETURN QUERY SELECT v_status, v_category.schedules, v_schedule::text, v_rows;
END
$fn$;

-- The agent's note on a call they did not categorise (a callback, a bare release): kept on that call's legs.
CREATE OR REPLACE FUNCTION call_history_note(p_callid text, p_idcontact bigint, p_note text)
RETURNS TABLE (history_rows int)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_rows int;
BEGIN
  IF length(coalesce(p_note, '')) > 4000 THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'NOTE is longer than 4000 characters';
  END IF;
  UPDATE call_history h SET note = coalesce(p_note, '')
  WHERE h.call_id = p_callid AND (h.contact_id = p_idcontact OR h.contact_id IS NULL);
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN QUERY SELECT v_rows;
END
$fn$;

CREATE OR REPLACE FUNCTION schedule_insert(
  p_idcontact bigint, p_idcampaign bigint, p_iduser bigint, p_at timestamptz, p_number text, p_note text,
  p_createdby bigint)
RETURNS TABLE (id text, contact_id text, campaign_id text, user_id text, at timestamptz, number text,
               note text, status text)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_phone  text;
  v_number text;
  v_id     bigint;
BEGIN
  SELECT c.phone INTO v_phone FROM contacts c WHERE c.id = p_idcontact FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'PU001', MESSAGE = format('contact %s does not exist', p_idcontact);
  END IF;
  IF p_idcampaign IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns k WHERE k.id = p_idcampaign) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
  END IF;
  IF p_at IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'AT is required';
  END IF;
  v_number := btrim(coalesce(nullif(btrim(p_number), ''), v_phone));
  -- Numbers arrive as people type them ("(011) 4555-1234"): digits and the usual separators only.
  IF v_number !~ '^\\+?[0-9 ().-]{3,40}$' OR v_number !~ '[0-9].*[0-9].*[0-9]' THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = format('%L is not a number to call back', v_number);
  END IF;
  IF length(coalesce(p_note, '')) > 4000 THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'NOTE is longer than 4000 characters';
  END IF;
  -- One pending callback per contact: a new date replaces the old one, as a rescheduling agent expects.
  UPDATE schedules s SET status = 'cancelled' WHERE s.contact_id = p_idcontact AND s.status = 'pending';
  INSERT INTO schedules (contact_id, campaign_id, user_id, at, number, note, created_by)
  VALUES (p_idcontact, p_idcampaign, p_iduser, p_at, v_number, coalesce(p_note, ''), p_createdby)
  RETURNING schedules.id INTO v_id;
  UPDATE contacts c SET dial_status = 'scheduled', updated_at = now() WHERE c.id = p_idcontact;
  RETURN QUERY
    SELECT s.id::text, s.contact_id::text, s.campaign_id::text, s.user_id::text, s.at, s.number, s.note, s.status
    FROM schedules s WHERE s.id = v_id;
END
$fn$;

CREATE OR REPLACE FUNCTION schedules_due(p_now timestamptz, p_maxrows int)
RETURNS TABLE (id text, contact_id text, campaign_id text, user_id text, at timestamptz, number text,
               note text, status text)
LANGUAGE sql STABLE AS $fn$
  SELECT s.id::text, s.contact_id::text, s.campaign_id::text, s.user_id::text, s.at, s.number, s.note, s.status
  FROM schedules s
  WHERE s.status = 'pending' AND s.at <= p_now
    AND NOT EXISTS (SELECT 1 FROM blacklist b WHERE b.number = s.number)
  ORDER BY s.at, s.id
  LIMIT greatest(1, least(coalesce(p_maxrows, 10), 500));
$fn$;

-- Empty when someone else took it first (or it does not exist): the caller simply skips it.
CREATE OR REPLACE FUNCTION schedule_take(p_idschedule bigint)
RETURNS TABLE (id text, contact_id text, campaign_id text, user_id text, at timestamptz, number text,
               note text, status text)
LANGUAGE sql AS $fn$
  UPDATE schedules s SET status = 'dialing'
  WHERE s.id = p_idschedule AND s.status = 'pending'
  RETURNING s.id::text, s.contact_id::text, s.campaign_id::text, s.user_id::text, s.at, s.number, s.note, s.status;
$fn$;

CREATE OR REPLACE FUNCTION schedule_finish(p_idschedule bigint, p_status text)
RETURNS TABLE (id text, status text)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
  IF p_status IS NULL OR p_status NOT IN ('done', 'failed', 'pending', 'cancelled') THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = format('unknown callback status %s', p_status);
  END IF;
  RETURN QUERY
    WITH changed AS (
      UPDATE schedules s SET status = p_status WHERE s.id = p_idschedule RETURNING s.id, s.status
    )
    SELECT changed.id::text, changed.status FROM changed;
END
$fn$;

CREATE OR REPLACE FUNCTION schedules_of_contact(p_idcontact bigint)
RETURNS TABLE (id text, contact_id text, campaign_id text, user_id text, at timestamptz, number text,
               note text, status text)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = p_idcontact) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU001', MESSAGE = format('contact %s does not exist', p_idcontact);
  END IF;
  RETURN QUERY
    SELECT s.id::text, s.contact_id::text, s.campaign_id::text, s.user_id::text, s.at, s.number, s.note, s.status
    FROM schedules s WHERE s.contact_id = p_idcontact ORDER BY s.at DESC, s.id DESC;
END
$fn$;
`;
