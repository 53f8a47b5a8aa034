-- The client's session (an agent run: OpenRouter's session_id, x-session-id,
-- x-claude-code-session-id) a request belongs to, so spend per session can be capped and shown, and
-- the budget reservation its cost settled. NULL: none. Rows written before this version had neither.
ALTER TABLE requests ADD COLUMN session_id TEXT;
ALTER TABLE requests ADD COLUMN reservation_id TEXT;
CREATE INDEX requests_key_session ON requests (key_id, session_id, at);
