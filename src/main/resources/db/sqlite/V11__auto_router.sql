-- The auto router. What it decided for a request of switchboard/auto: the version of its weights, its
-- score (how likely the prompt is to need the strong tier, a percentile in basis points: 0 to
-- 10000) and its pick.
-- NULL for every other request, and for rows written before this version.
ALTER TABLE requests ADD COLUMN router_version TEXT;
ALTER TABLE requests ADD COLUMN router_score_bp INTEGER;
ALTER TABLE requests ADD COLUMN router_pick TEXT;
-- A key's default model, for requests that name none (switchboard/auto routes them by prompt). NULL:
-- none, and such a request is refused as before.
ALTER TABLE api_keys ADD COLUMN default_model TEXT;
