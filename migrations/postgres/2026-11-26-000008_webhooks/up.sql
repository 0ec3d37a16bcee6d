-- Webhooks of client companies: a signed POST to the company's URL when a worker placed with it
-- changes status. At most one per company. Keep in step with ../../sqlite/ (a test compares them).
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    client_company_id TEXT NOT NULL UNIQUE REFERENCES client_companies (id),
    url TEXT NOT NULL,
    -- Kept as it is, not hashed: the server computes each delivery's HMAC with it, which a hash
    -- would not allow. It is never answered again after it is made, nor logged or audited.
    secret TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    secret_rotated_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

-- Deliveries go through the outbox with the mails (the same lease, retries and idempotency key):
-- `channel` tells the sender of each apart. For a delivery, `recipient` is the URL and
-- `body_text` the JSON body.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('digest', 'termination_alert', 'contribution_reminder', 'worker.status_changed'));
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'mail' CHECK (channel IN ('mail', 'webhook'));
ALTER TABLE outbox ADD COLUMN webhook_id TEXT REFERENCES webhooks (id);
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (channel, status, next_attempt_at);
-- A webhook's latest deliveries.
CREATE INDEX outbox_webhook ON outbox (webhook_id, created_at);
