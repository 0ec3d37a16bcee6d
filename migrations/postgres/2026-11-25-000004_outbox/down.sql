DROP TABLE reminder_runs;
DROP TABLE outbox;
