-- Insight. Each request's app (the client application that sent it: its X-Title or HTTP-Referer, or
-- its User-Agent family such as 'Claude Code') and task category ('programming', 'chat', ...), NULL
-- when unknown. Rows written before this version have neither.
ALTER TABLE requests ADD COLUMN app TEXT;
ALTER TABLE requests ADD COLUMN category TEXT;

-- Hourly rollups of the ledger, one row per (dimension, key, hour, name): what the key's requests
-- of that hour sum to when grouped by one dimension; key_id '*' holds every key's requests together,
-- so a report over all keys reads as few rows as one over one key ('key', 'model', 'author', 'origin',
-- 'provider', 'provider_country', 'data_class', 'app', 'category', 'deployment'). Every request
-- counts once in every dimension ('' names a request without a value: no provider reached, no app
-- known). Raised by the ledger writer in the row's own transaction, so reports read a few thousand
-- rollup rows instead of millions of requests. hour_start is epoch milliseconds (UTC); money is
-- micro-dollars; energy_uwh the estimated energy in microwatt-hours. latency_b0..latency_b15 count
-- requests per latency bucket (bounds in insight.rollup.LatencyBuckets): percentiles merge across
-- hours and keys.
CREATE TABLE usage_hourly (
  dimension             TEXT    NOT NULL,
  hour_start            INTEGER NOT NULL,
  key_id                TEXT    NOT NULL,
  name                  TEXT    NOT NULL,
  requests              INTEGER NOT NULL,
  errors                INTEGER NOT NULL,
  prompt_tokens         INTEGER NOT NULL,
  completion_tokens     INTEGER NOT NULL,
  cached_tokens         INTEGER NOT NULL,
  cache_write_5m_tokens INTEGER NOT NULL,
  cache_write_1h_tokens INTEGER NOT NULL,
  reasoning_tokens      INTEGER NOT NULL,
  cost_micros           INTEGER NOT NULL,
  latency_ms_sum        INTEGER NOT NULL,
  energy_uwh            INTEGER NOT NULL,
  latency_b0            INTEGER NOT NULL,
  latency_b1            INTEGER NOT NULL,
  latency_b2            INTEGER NOT NULL,
  latency_b3            INTEGER NOT NULL,
  latency_b4            INTEGER NOT NULL,
  latency_b5            INTEGER NOT NULL,
  latency_b6            INTEGER NOT NULL,
  latency_b7            INTEGER NOT NULL,
  latency_b8            INTEGER NOT NULL,
  latency_b9            INTEGER NOT NULL,
  latency_b10           INTEGER NOT NULL,
  latency_b11           INTEGER NOT NULL,
  latency_b12           INTEGER NOT NULL,
  latency_b13           INTEGER NOT NULL,
  latency_b14           INTEGER NOT NULL,
  latency_b15           INTEGER NOT NULL,
  PRIMARY KEY (dimension, key_id, hour_start, name)
) WITHOUT ROWID;

-- The requests already in the ledger when this version was applied (seq up to this value) are
-- rolled up once, by the first gateway that starts (insight.rollup.Backfill); it deletes the row.
INSERT INTO meta (name, value) SELECT 'insight_backfill_through_seq', CAST(COALESCE(MAX(seq), 0) AS TEXT) FROM requests;
