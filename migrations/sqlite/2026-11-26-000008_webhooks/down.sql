CREATE TABLE outbox_old (
    id TEXT PRIMARY KEY NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('digest', 'termination_alert', 'contribution_reminder')),
    user_id TEXT REFERENCES users (id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    leased_by TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
INSERT INTO outbox_old (id, idempotency_key, kind, user_id, recipient, subject, body_text, body_html, status,
    attempts, next_attempt_at, lease_until, leased_by, last_error, created_at, sent_at)
SELECT id, idempotency_key, kind, user_id, recipient, subject, body_text, body_html, status,
    attempts, next_attempt_at, lease_until, leased_by, last_error, created_at, sent_at
FROM outbox WHERE channel = 'mail';
DROP TABLE outbox;
ALTER TABLE outbox_old RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at);
DROP TABLE webhooks;
