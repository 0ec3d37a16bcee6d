-- e-Dabu batches: the upload form as sent (kept as sent: it is what BPJS received, whatever
-- changes later to the workers, the layout setting or the writer), and one row per person of it
-- with e-Dabu's answer. Keep in step with ../../postgres/ (a test compares them).
CREATE TABLE edabu_batches (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('registration', 'transfer', 'deactivation')),
    client_company_id TEXT REFERENCES client_companies (id),
    month TEXT,
    file_name TEXT NOT NULL,
    file_content BLOB NOT NULL,
    case_count BIGINT NOT NULL,
    row_count BIGINT NOT NULL,
    created_by_id TEXT REFERENCES users (id),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX edabu_batches_kind ON edabu_batches (kind, id);

CREATE TABLE edabu_batch_rows (
    id TEXT PRIMARY KEY NOT NULL,
    batch_id TEXT NOT NULL REFERENCES edabu_batches (id),
    number BIGINT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    family_member_id TEXT REFERENCES family_members (id),
    relation TEXT,
    full_name TEXT NOT NULL,
    nik TEXT NOT NULL,
    noka TEXT,
    result TEXT CHECK (result IN ('accepted', 'rejected')),
    result_noka TEXT,
    result_reason TEXT NOT NULL DEFAULT '',
    result_at TIMESTAMP,
    UNIQUE (batch_id, number)
);
CREATE INDEX edabu_batch_rows_case ON edabu_batch_rows (case_id);
