-- A key's rules (see account.KeyRules), one nullable column each: NULL means no such limit. Amounts
-- are micro-dollars, times epoch milliseconds. models lists the allowed model names joined by ','
-- ('' allows any). admin keys manage keys over the API and cannot call completions. updated_at is
-- the last change of the rules. seq orders keys by creation (ids are random), also within one
-- millisecond, and for the keys made before this version it follows created_at, then id.
ALTER TABLE api_keys ADD COLUMN limit_reset TEXT CHECK (limit_reset IS NULL OR limit_reset IN ('daily', 'weekly', 'monthly'));
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
ALTER TABLE api_keys ADD COLUMN models TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN rpm INTEGER CHECK (rpm IS NULL OR rpm > 0);
ALTER TABLE api_keys ADD COLUMN tpm INTEGER CHECK (tpm IS NULL OR tpm > 0);
ALTER TABLE api_keys ADD COLUMN concurrency INTEGER CHECK (concurrency IS NULL OR concurrency > 0);
ALTER TABLE api_keys ADD COLUMN session_cap_micros INTEGER CHECK (session_cap_micros IS NULL OR session_cap_micros >= 0);
ALTER TABLE api_keys ADD COLUMN daily_cap_micros INTEGER CHECK (daily_cap_micros IS NULL OR daily_cap_micros >= 0);
ALTER TABLE api_keys ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
ALTER TABLE api_keys ADD COLUMN updated_at INTEGER;
ALTER TABLE api_keys ADD COLUMN seq INTEGER;
UPDATE api_keys SET seq = (SELECT COUNT(*) FROM api_keys AS earlier WHERE earlier.created_at < api_keys.created_at OR (earlier.created_at = api_keys.created_at AND earlier.id <= api_keys.id));
