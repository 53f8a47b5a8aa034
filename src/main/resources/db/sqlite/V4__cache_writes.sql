-- Prompt tokens written to a provider's prompt cache, by cache lifetime (Anthropic bills 5-minute
-- writes at 1.25x input and 1-hour writes at 2x). Like cached_tokens (the reads), both are part of
-- prompt_tokens. Rows written before this version recorded no writes: 0.
ALTER TABLE requests ADD COLUMN cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_5m_tokens >= 0);
ALTER TABLE requests ADD COLUMN cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_1h_tokens >= 0);
