-- Answers to chat requests sent with an Idempotency-Key, kept 24 hours. The primary key is the
-- claim: a request takes a key by inserting its row, so of several racing requests (on any node
-- sharing the database) exactly one runs. generation_id is the claiming request's id; status,
-- content_type and body are set once it answers (state 'done').
CREATE TABLE idempotency (
  key_id          TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL,
  body_hash       TEXT    NOT NULL,
  generation_id   TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('in_flight', 'done')),
  created_at      INTEGER NOT NULL,
  status          INTEGER,
  content_type    TEXT,
  body            BLOB,
  PRIMARY KEY (key_id, idempotency_key)
);
CREATE INDEX idempotency_created_at ON idempotency (created_at);
