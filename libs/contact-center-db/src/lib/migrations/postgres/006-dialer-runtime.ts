/**
 * What a dialer keeps about itself so a restart is not a new dialer (issue 15
 * §1, §9): its instance id (CallObject = "<instance id>:<call id>", unique
 * across dialers), the call ids handed out so far (reserved in blocks, so no
 * id is handed out twice even when the calls in progress die with the
 * process), and the agents' sessions (a restart keeps everyone logged in, as
 * a Neotel-style dialer keeps its sessions in its database).
 */
export const DIALER_RUNTIME_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS dialer_instance (
  singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  instance_id       text NOT NULL,
  call_id_reserved  bigint NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS dialer_sessions (
  token         text PRIMARY KEY,
  user_id       text NOT NULL UNIQUE,
  device        text NOT NULL,
  campaign_id   text,
  logged_in_at  timestamptz NOT NULL DEFAULT now()
);
`;

export const DIALER_RUNTIME_PROCEDURES_SQL = `
CREATE OR REPLACE FUNCTION dialer_instance_get()
RETURNS TABLE (instance_id text)
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO dialer_instance (singleton, instance_id) VALUES (true, gen_random_uuid()::text)
  ON CONFLICT (singleton) DO NOTHING;
  RETURN QUERY SELECT d.instance_id FROM dialer_instance d;
END;
$fn$;

CREATE OR REPLACE FUNCTION call_ids_reserve(p_count int)
RETURNS TABLE (first_id bigint, last_id bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_from bigint;
BEGIN
  IF p_count IS NULL OR p_count < 1 THEN
    RAISE EXCEPTION 'count must be at least 1' USING ERRCODE = 'PU007';
  END IF;
  PERFORM dialer_instance_get();
  -- A data folder from before this table also counts the ids its history used.
  SELECT greatest(d.call_id_reserved, (SELECT l.last_id FROM call_id_last() l)) INTO v_from
  FROM dialer_instance d FOR UPDATE;
  UPDATE dialer_instance SET call_id_reserved = v_from + p_count;
  RETURN QUERY SELECT v_from + 1, v_from + p_count;
END;
$fn$;

CREATE OR REPLACE FUNCTION dialer_session_save(p_token text, p_iduser text, p_device text, p_idcampaign text)
RETURNS TABLE (token text)
LANGUAGE sql AS $fn$
  DELETE FROM dialer_sessions s WHERE s.user_id = p_iduser AND s.token <> p_token;
  INSERT INTO dialer_sessions (token, user_id, device, campaign_id)
  VALUES (p_token, p_iduser, p_device, p_idcampaign)
  ON CONFLICT ON CONSTRAINT dialer_sessions_pkey DO UPDATE
    SET device = EXCLUDED.device, campaign_id = EXCLUDED.campaign_id
  RETURNING dialer_sessions.token;
$fn$;

CREATE OR REPLACE FUNCTION dialer_session_end(p_token text)
RETURNS TABLE (ended int)
LANGUAGE sql AS $fn$
  WITH d AS (DELETE FROM dialer_sessions s WHERE s.token = p_token RETURNING 1)
  SELECT count(*)::int FROM d;
$fn$;

CREATE OR REPLACE FUNCTION dialer_sessions_list()
RETURNS TABLE (token text, user_id text, device text, campaign_id text, logged_in_at timestamptz)
LANGUAGE sql STABLE AS $fn$
  SELECT s.token, s.user_id, s.device, s.campaign_id, s.logged_in_at FROM dialer_sessions s ORDER BY s.logged_in_at, s.token;
$fn$;
`;
