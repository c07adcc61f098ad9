/**
 * The dialer emulator's own procedures (PostgreSQL/PGlite only): users,
 * campaigns, dialling lists, callbacks and call history. Each one is a single
 * statement, so it is atomic without a client-side transaction (PGlite's
 * socket clients share one backend: see docs/dialer-emulator.md).
 */
export const EMULATOR_DIRECTORY_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION user_by_login(p_login text)
RETURNS TABLE (id text, login text, display_name text, email text, password_hash text, roles text[],
               default_device text, active boolean)
LANGUAGE sql STABLE AS $fn$
  SELECT u.id::text, u.login, u.display_name, u.email, u.password_hash, u.roles, u.default_device, u.active
  FROM users u WHERE lower(u.login) = lower(btrim(p_login));
$fn$;

CREATE OR REPLACE FUNCTION users_list()
RETURNS TABLE (id text, login text, display_name text, email text, roles text[], default_device text,
               active boolean, campaign_ids text[], queue_ids text[])
LANGUAGE sql STABLE AS $fn$
  SELECT u.id::text, u.login, u.display_name, u.email, u.roles, u.default_device, u.active,
         coalesce((SELECT array_agg(cu.campaign_id::text ORDER BY cu.campaign_id) FROM campaign_users cu WHERE cu.user_id = u.id), '{}'),
         coalesce((SELECT array_agg(qu.queue_id::text ORDER BY qu.queue_id) FROM queue_users qu WHERE qu.user_id = u.id), '{}')
  FROM users u ORDER BY u.id;
$fn$;

CREATE OR REPLACE FUNCTION device_exists(p_extension text)
RETURNS TABLE (found boolean)
LANGUAGE sql STABLE AS $fn$
  SELECT EXISTS (SELECT 1 FROM devices d WHERE d.extension = btrim(p_extension));
$fn$;

CREATE OR REPLACE FUNCTION devices_list()
RETURNS TABLE (extension text, description text)
LANGUAGE sql STABLE AS $fn$
  SELECT d.extension, d.description FROM devices d ORDER BY d.extension;
$fn$;

CREATE OR REPLACE FUNCTION break_states_list()
RETURNS TABLE (id text, name text, system boolean, productive boolean, max_seconds int, sort_order int)
LANGUAGE sql STABLE AS $fn$
  SELECT b.id::text, b.name, b.system, b.productive, b.max_seconds, b.position
  FROM break_states b ORDER BY b.position, b.id;
$fn$;

CREATE OR REPLACE FUNCTION campaigns_list()
RETURNS TABLE (id text, name text, dialer_mode text, crm_id text, database_id text, active boolean,
               max_abandon_rate float8, abandon_seconds int, max_attempts int, retry_minutes int,
               preview_seconds int, max_dial_ratio float8, user_ids text[])
LANGUAGE sql STABLE AS $fn$
  SELECT k.id::text, k.name, k.dialer_mode, k.crm_id::text, k.database_id::text, k.active,
         k.max_abandon_rate, k.abandon_seconds, k.max_attempts, k.retry_minutes, k.preview_seconds,
         k.max_dial_ratio,
         coalesce((SELECT array_agg(cu.user_id::text ORDER BY cu.user_id) FROM campaign_users cu WHERE cu.campaign_id = k.id), '{}')
  FROM campaigns k ORDER BY k.id;
$fn$;

CREATE OR REPLACE FUNCTION campaign_update(p_idcampaign bigint, p_active boolean, p_maxabandonrate float8)
RETURNS TABLE (active boolean, max_abandon_rate float8)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
  IF p_maxabandonrate IS NOT NULL AND (p_maxabandonrate < 0 OR p_maxabandonrate > 1) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU007', MESSAGE = 'the abandon target must be between 0 and 1';
  END IF;
  RETURN QUERY
    WITH changed AS (
      UPDATE campaigns k
      SET active = coalesce(p_active, k.active), max_abandon_rate = coalesce(p_maxabandonrate, k.max_abandon_rate)
      WHERE k.id = p_idcampaign
      RETURNING k.active, k.max_abandon_rate
    )
    SELECT changed.active, changed.max_abandon_rate FROM changed;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION queues_list()
RETURNS TABLE (id text, name text, crm_id text, database_id text, search_field text, key_expression text,
               service_level_seconds int, ivr_data text, max_wait_seconds int, missed_call_user_id text,
               owner_routing boolean, owner_wait_seconds int, blacklist_treatment text, user_ids text[])
LANGUAGE sql STABLE AS $fn$
  SELECT q.id::text, q.name, q.crm_id::text, q.database_id::text, q.search_field, q.key_expression,
         q.service_level_seconds, q.ivr_data, q.max_wait_seconds, q.missed_call_user_id::text,
         q.owner_routing, q.owner_wait_seconds, q.blacklist_treatment,
         coalesce((SELECT array_agg(qu.user_id::text ORDER BY qu.user_id) FROM queue_users qu WHERE qu.queue_id = q.id), '{}')
  FROM queues q ORDER BY q.id;
$fn$;

CREATE OR REPLACE FUNCTION transfer_numbers_list(p_idcampaign bigint)
RETURNS TABLE (number text, label text)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM campaigns k WHERE k.id = p_idcampaign) THEN
    RAISE EXCEPTION USING ERRCODE = 'PU006', MESSAGE = format('campaign %s does not exist', p_idcampaign);
  END IF;
  RETURN QUERY SELECT t.number, t.label FROM transfer_numbers t
    WHERE t.campaign_id = p_idcampaign ORDER BY t.position, t.id;
END
$fn$;

CREATE OR REPLACE FUNCTION blacklist_check(p_number text)
RETURNS TABLE (listed boolean, reason text)
LANGUAGE sql STABLE AS $fn$
  SELECT EXISTS (SELECT 1 FROM blacklist b WHERE b.number = btrim(p_number)),
         (SELECT b.reason FROM blacklist b WHERE b.number = btrim(p_number));
$fn$;
`;
