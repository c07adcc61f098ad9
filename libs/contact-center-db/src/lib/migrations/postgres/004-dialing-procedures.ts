/**
 * Dialling lists, dispositions, callbacks and call history (PostgreSQL/PGlite,
 * the emulator's side). One statement per call, so each is atomic.
 */
export const DIALING_PROCEDURES_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION contact_get(p_idcontact bigint)
RETURNS TABLE (id text, database_id text, crm_id text, clave_1 text, phone text, phone2 text,
               data jsonb, dial_status text, created_at timestamptz, attempts int, owner_user_id text)
LANGUAGE sql STABLE AS $fn$
  SELECT c.id::text, c.database_id::text, c.crm_id::text, c.clave_1, c.phone, c.phone2, c.data,
         c.dial_status, c.created_at, c.attempts, c.owner_user_id::text
  FROM contacts c WHERE c.id = p_idcontact;
$fn$;

CREATE OR REPLACE FUNCTION contacts_next_to_dial(p_idcampaign bigint, p_now timestamptz, p_maxrows int)
RETURNS TABLE (id text, database_id text, crm_id text, clave_1 text, phone text, phone2 text,
               data jsonb, dial_status text, created_at timestamptz, attempts int)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_database bigint;
BEGIN
  SELECT k.database_id INTO v_database FROM campaigns k WHERE k.id = p_idcampaign;
  IF v_database IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
  END IF;
  RETURN QUERY
    WITH picked AS (
      SELECT c.id FROM contacts c
      WHERE c.database_id = v_database
        AND c.dial_status IN ('new', 'retry')
        AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= p_now)
        AND c.phone <> ''
        AND NOT EXISTS (SELECT 1 FROM blacklist b WHERE b.number = c.phone)
      ORDER BY (c.dial_status = 'retry') DESC, c.next_attempt_at NULLS LAST, c.id
      LIMIT greatest(1, least(coalesce(p_maxrows, 10), 500))
      FOR UPDATE SKIP LOCKED
    ), reserved AS (
      UPDATE contacts c SET dial_status = 'dialing', updated_at = p_now
      FROM picked WHERE c.id = picked.id
      RETURNING c.*
    )
    SELECT r.id::text, r.database_id::text, r.crm_id::text, r.clave_1, r.phone, r.phone2, r.data,
           r.dial_status, r.created_at, r.attempts
    FROM reserved r ORDER BY r.id;
END
$fn$;

CREATE OR REPLACE FUNCTION contact_return(p_idcontact bigint)
RETURNS TABLE (dial_status text)
LANGUAGE sql AS $fn$
  UPDATE contacts c
  SET dial_status = CASE WHEN c.attempts = 0 THEN 'new' ELSE 'retry' END
  WHERE c.id = p_idcontact AND c.dial_status = 'dialing'
  RETURNING c.dial_status;
$fn$;

-- A previewed contact the agent skipped (B7): back in the list, but not due
-- again before the campaign's retry interval, or the next preview would be it.
CREATE OR REPLACE FUNCTION contact_skip(p_idcontact bigint, p_idcampaign bigint, p_now timestamptz)
RETURNS TABLE (dial_status text, next_attempt_at timestamptz)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_retry int := 60;
BEGIN
  IF p_idcampaign IS NOT NULL THEN
    SELECT k.retry_minutes INTO v_retry FROM campaigns k WHERE k.id = p_idcampaign;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
    END IF;
  END IF;
  RETURN QUERY
    UPDATE contacts c
    SET dial_status = CASE WHEN c.attempts = 0 THEN 'new' ELSE 'retry' END,
        next_attempt_at = p_now + make_interval(mins => v_retry),
        updated_at = p_now
    WHERE c.id = p_idcontact AND c.dial_status = 'dialing'
    RETURNING c.dial_status, c.next_attempt_at;
END
$fn$;

CREATE OR REPLACE FUNCTION contact_attempt_result(p_idcontact bigint, p_idcampaign bigint, p_result text, p_now timestamptz)
RETURNS TABLE (dial_status text, attempts int)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_max int := 3;
  v_retry int := 60;
BEGIN
  IF p_result NOT IN ('answered', 'no_answer', 'busy', 'failed', 'abandoned', 'cancelled') THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = format('unknown attempt result %s', p_result);
  END IF;
  IF p_idcampaign IS NOT NULL THEN
    SELECT k.max_attempts, k.retry_minutes INTO v_max, v_retry FROM campaigns k WHERE k.id = p_idcampaign;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
    END IF;
  END IF;
  RETURN QUERY
    WITH changed AS (
      UPDATE contacts c
      SET attempts = c.attempts + 1,
          last_result = p_result,
          updated_at = p_now,
          dial_status = CASE
            WHEN p_result = 'answered' THEN 'contacted'
            WHEN c.dial_status IN ('scheduled', 'done') THEN c.dial_status
            WHEN c.attempts + 1 >= v_max THEN 'exhausted'
            ELSE 'retry' END,
          next_attempt_at = CASE
            WHEN p_result = 'answered' THEN NULL
            ELSE p_now + make_interval(mins => v_retry) END
      WHERE c.id = p_idcontact
      RETURNING c.dial_status, c.attempts
    )
    SELECT changed.dial_status, changed.attempts FROM changed;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'PU001', MESSAGE = format('contact %s does not exist', p_idcontact);
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION contact_release(p_idcontact bigint)
RETURNS TABLE (dial_status text)
LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY
    WITH changed AS (
      UPDATE contacts c
      SET dial_status = CASE WHEN c.dial_status IN ('contacted', 'dialing') THEN 'done' ELSE c.dial_status END
      WHERE c.id = p_idcontact
      RETURNING c.dial_status
    )
    SELECT changed.dial_status FROM changed;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'PU001', MESSAGE = format('contact %s does not exist', p_idcontact);
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION call_history_insert(
  p_callid text, p_leg int, p_idcontact bigint, p_idcampaign bigint, p_idqueue bigint, p_iduser bigint,
  p_direction text, p_dialermode text, p_callreason text, p_number text, p_startedat timestamptz,
  p_answeredat timestamptz, p_endedat timestamptz, p_talkseconds int, p_holdseconds int, p_cause text,
  p_dtmf text, p_recordingurl text)
RETURNS TABLE (id text)
LANGUAGE sql AS $fn$
  INSERT INTO call_history AS h (call_id, leg, contact_id, campaign_id, queue_id, user_id, direction, dialer_mode,
                                 call_reason, number, started_at, answered_at, ended_at, talk_seconds, hold_seconds,
                                 cause, dtmf, recording_url)
  VALUES (p_callid, coalesce(p_leg, 0), p_idcontact, p_idcampaign, p_idqueue, p_iduser, p_direction, p_dialermode,
          coalesce(p_callreason, ''), coalesce(p_number, ''), p_startedat, p_answeredat, p_endedat,
          greatest(0, coalesce(p_talkseconds, 0)), greatest(0, coalesce(p_holdseconds, 0)), p_cause,
          coalesce(p_dtmf, ''), p_recordingurl)
  ON CONFLICT ON CONSTRAINT call_history_leg DO UPDATE
    SET ended_at = EXCLUDED.ended_at, talk_seconds = EXCLUDED.talk_seconds, hold_seconds = EXCLUDED.hold_seconds,
        cause = EXCLUDED.cause, dtmf = EXCLUDED.dtmf, answered_at = EXCLUDED.answered_at
  RETURNING h.id::text;
$fn$;

CREATE OR REPLACE FUNCTION call_id_last()
RETURNS TABLE (last_id bigint)
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(max(h.call_id::bigint), 0) FROM call_history h WHERE h.call_id ~ '^[0-9]{1,18}$';
$fn$;

CREATE OR REPLACE FUNCTION dialer_recover()
RETURNS TABLE (contacts int, schedules int)
LANGUAGE sql AS $fn$
  WITH c AS (
    UPDATE contacts x SET dial_status = CASE WHEN x.attempts = 0 THEN 'new' ELSE 'retry' END
    WHERE x.dial_status = 'dialing' RETURNING 1
  ), s AS (
    UPDATE schedules y SET status = 'pending' WHERE y.status = 'dialing' RETURNING 1
  )
  SELECT (SELECT count(*)::int FROM c), (SELECT count(*)::int FROM s);
$fn$;

CREATE OR REPLACE FUNCTION campaign_contact_figures(p_idcampaign bigint)
RETURNS TABLE (dial_status text, contacts int)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_database bigint;
BEGIN
  SELECT k.database_id INTO v_database FROM campaigns k WHERE k.id = p_idcampaign;
  IF v_database IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
  END IF;
  RETURN QUERY
    SELECT c.dial_status, count(*)::int FROM contacts c WHERE c.database_id = v_database GROUP BY c.dial_status
    UNION ALL
    SELECT 'callbacks_pending', count(*)::int FROM schedules s
    WHERE s.campaign_id = p_idcampaign AND s.status = 'pending';
END
$fn$;
`;
