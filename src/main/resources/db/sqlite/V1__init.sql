-- Ledger: one row per client request. Times are epoch milliseconds (UTC); money is micro-dollars.
CREATE TABLE requests (
  seq               INTEGER PRIMARY KEY,
  id                TEXT    NOT NULL UNIQUE,
  at                INTEGER NOT NULL,
  key_id            TEXT    NOT NULL,
  requested_model   TEXT    NOT NULL,
  served_model      TEXT,
  provider          TEXT,
  prompt_tokens     INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  cached_tokens     INTEGER NOT NULL,
  reasoning_tokens  INTEGER NOT NULL,
  estimated         INTEGER NOT NULL CHECK (estimated IN (0, 1)),
  cost_micros       INTEGER NOT NULL CHECK (cost_micros >= 0),
  latency_ms        INTEGER NOT NULL,
  ttft_ms           INTEGER,
  stream            INTEGER NOT NULL CHECK (stream IN (0, 1)),
  status            INTEGER NOT NULL,
  error_code        TEXT
);
CREATE INDEX requests_at ON requests (at);
CREATE INDEX requests_key_id ON requests (key_id, at);

-- API keys: only an HMAC of the secret is stored. Keys are revoked, never deleted, so ledger rows
-- always find their key.
CREATE TABLE api_keys (
  id           TEXT    PRIMARY KEY,
  name         TEXT    NOT NULL,
  key_hash     TEXT    NOT NULL UNIQUE,
  hint         TEXT    NOT NULL,
  limit_micros INTEGER CHECK (limit_micros IS NULL OR limit_micros >= 0),
  spent_micros INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER
);
-- Names identify keys on the command line, so at most one active key has a given name.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;

-- Installation-wide values, such as the salt for key hashing.
CREATE TABLE meta (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
