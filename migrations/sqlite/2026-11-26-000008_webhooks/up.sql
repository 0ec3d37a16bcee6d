-- Webhooks of client companies: a signed POST to the company's URL when a worker placed with it
-- changes status. At most one per company. Keep in step with ../../postgres/ (a test compares them).
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
-- `channel` tells the sender of each apart. SQLite cannot change the `kind` check in place, so
-- the table is built again, its rows copied.
CREATE TABLE outbox_new (
    id TEXT PRIMARY KEY NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('digest', 'termination_alert', 'contribution_reminder', 'worker.status_changed')),
    user_id TEXT REFERENCES users (id),
    -- an email address, or the URL a webhook delivery goes to
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    -- a mail's text, or a webhook delivery's JSON body
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    leased_by TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    channel TEXT NOT NULL DEFAULT 'mail' CHECK (channel IN ('mail', 'webhook')),
    webhook_id TEXT REFERENCES webhooks (id)
);
INSERT INTO outbox_new (id, idempotency_key, kind, user_id, recipient, subject, body_text, body_html, status,
    attempts, next_attempt_at, lease_until, leased_by, last_error, created_at, sent_at)
SELECT id, idempotency_key, kind, user_id, recipient, subject, body_text, body_html, status,
    attempts, next_attempt_at, lease_until, leased_by, last_error, created_at, sent_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (channel, status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at);
-- A webhook's latest deliveries.
CREATE INDEX outbox_webhook ON outbox (webhook_id, created_at);
