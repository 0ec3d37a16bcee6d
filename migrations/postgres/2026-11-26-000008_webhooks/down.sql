DROP INDEX outbox_webhook;
DROP INDEX outbox_due;
DELETE FROM outbox WHERE channel <> 'mail';
ALTER TABLE outbox DROP COLUMN webhook_id;
ALTER TABLE outbox DROP COLUMN channel;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('digest', 'termination_alert', 'contribution_reminder'));
DROP TABLE webhooks;
