-- The provider's own name for the model that answered (requests.served_model is the catalog id).
ALTER TABLE requests ADD COLUMN provider_model TEXT;
