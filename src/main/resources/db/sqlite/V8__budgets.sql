-- Budget windows: one row per limit a key's spend counts against (its credit for a reset period or
-- for ever, a calendar day, a session), named as budget.BudgetWindow names them, so every node
-- finds the same row. spent_micros is the settled spend since starts_at (epoch milliseconds):
-- seeded from the ledger when the window is first used, then raised by each settled ledger row in
-- that row's own transaction. reserved_micros is what the open reservations hold. A reservation is
-- granted only while spent + reserved + amount <= limit_micros, so settled spend stays within the
-- limit. session_id is the raw session of a session window (the ledger keeps it too), else NULL.
CREATE TABLE budget_windows (
  id              TEXT    PRIMARY KEY,
  key_id          TEXT    NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('credit', 'day', 'session')),
  starts_at       INTEGER NOT NULL,
  session_id      TEXT,
  limit_micros    INTEGER NOT NULL CHECK (limit_micros >= 0),
  spent_micros    INTEGER NOT NULL CHECK (spent_micros >= 0),
  reserved_micros INTEGER NOT NULL CHECK (reserved_micros >= 0),
  updated_at      INTEGER NOT NULL
);
CREATE INDEX budget_windows_key ON budget_windows (key_id, kind, starts_at);

-- Reservations are records, so each window's reserved_micros can be rebuilt from the open ones.
-- window_ids: the ids of the windows it holds amount_micros in, joined by ','. A live node renews
-- expires_at (epoch milliseconds); any node's sweeper expires a reservation past it (its node
-- died), releasing its amount: state 'expired'. The settled ledger row deletes the record.
CREATE TABLE budget_reservations (
  id            TEXT    PRIMARY KEY,
  key_id        TEXT    NOT NULL,
  window_ids    TEXT    NOT NULL,
  amount_micros INTEGER NOT NULL CHECK (amount_micros >= 0),
  state         TEXT    NOT NULL CHECK (state IN ('open', 'expired')),
  node_id       TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX budget_reservations_expiry ON budget_reservations (state, expires_at);
