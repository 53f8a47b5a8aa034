-- What the auto router decided for a request of switchboard/auto: the version of its weights, its
-- score (the estimated probability, 0 to 1, that the prompt needs the strong tier) and its pick.
-- NULL for every other request, and for rows written before this version.
ALTER TABLE requests ADD COLUMN router_version TEXT;
ALTER TABLE requests ADD COLUMN router_score DOUBLE PRECISION;
ALTER TABLE requests ADD COLUMN router_pick TEXT;
