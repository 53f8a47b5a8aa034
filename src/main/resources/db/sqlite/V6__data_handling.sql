-- What the sourcing policy decided for each request: its data class, the rule applied (its
-- configuration path, '' for none), the action and the finding types seen, sorted, distinct and
-- joined by ',' (EMAIL,CUSTOM:employee_id). Never the matched text. Rows written before this
-- version were made without a policy: public, no rule, routed as asked, no findings.
ALTER TABLE requests ADD COLUMN data_class TEXT NOT NULL DEFAULT 'public' CHECK (data_class IN ('public', 'internal', 'confidential', 'regulated'));
ALTER TABLE requests ADD COLUMN policy_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN policy_action TEXT NOT NULL DEFAULT 'route' CHECK (policy_action IN ('route', 'redact', 'block'));
ALTER TABLE requests ADD COLUMN finding_types TEXT NOT NULL DEFAULT '';
-- A key's default data class: a request made with it is at least this class. NULL: none (public).
ALTER TABLE api_keys ADD COLUMN data_class TEXT CHECK (data_class IS NULL OR data_class IN ('public', 'internal', 'confidential', 'regulated'));
