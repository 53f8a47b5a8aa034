-- Every try of a request at a deployment, in order (number counts from 1), committed in the same
-- transaction as the request's row, which it references. status is the provider's HTTP status,
-- NULL when no response came; error_code is NULL on success. Times are epoch milliseconds.
CREATE TABLE attempts (
  generation_id  TEXT    NOT NULL REFERENCES requests (id),
  number         INTEGER NOT NULL CHECK (number >= 1),
  provider       TEXT    NOT NULL,
  model          TEXT    NOT NULL,
  outcome        TEXT    NOT NULL CHECK (outcome IN ('ok', 'provider_fault', 'rate_limited', 'rejected', 'cancelled')),
  status         INTEGER CHECK (status IS NULL OR status BETWEEN 100 AND 999),
  error_code     TEXT,
  started_at     INTEGER NOT NULL,
  latency_ms     INTEGER NOT NULL CHECK (latency_ms >= 0),
  first_token_ms INTEGER CHECK (first_token_ms IS NULL OR first_token_ms >= 0),
  bytes          INTEGER NOT NULL CHECK (bytes >= 0),
  output_tokens  INTEGER NOT NULL CHECK (output_tokens >= 0),
  PRIMARY KEY (generation_id, number)
) WITHOUT ROWID;
