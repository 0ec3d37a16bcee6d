-- One row per roster import: who started it, on what, and how it ended. The import itself is one
-- transaction of its own; this row is written before it starts and after it ends, so an import
-- cut short (the process killed) is found `running` at the next start and marked `interrupted`.
-- Keep in step with ../../postgres/.
CREATE TABLE imports (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    dry_run BOOLEAN NOT NULL,
    mode TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
    rows_total BIGINT NOT NULL,
    report_json TEXT,
    error TEXT NOT NULL DEFAULT '',
    started_by TEXT REFERENCES users (id),
    started_by_label TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX imports_started ON imports (started_at);
