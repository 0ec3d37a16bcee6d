-- Every email is first written here, in the same transaction as what caused it, then sent by the
-- reminder run, which claims due messages with a lease (so two instances send each once). Keep in
-- step with ../../sqlite/ (a test compares them).
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    -- what makes a message unique, e.g. `digest:<user>:<date>`: the same one is never queued twice
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
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at);

-- Scheduled runs that are done for their period (e.g. `digest:2026-11-25`), so a day with
-- nothing to send is not worked out again every minute.
CREATE TABLE reminder_runs (
    key TEXT PRIMARY KEY NOT NULL,
    ran_at TIMESTAMP NOT NULL
);
