-- The membership lifecycle: statuses with history for workers and family members, cases with
-- their documents and notes, arrears, settings, and the worker each audit entry is about. Keep in
-- step with ../../sqlite/ (a test compares them).

-- The statuses and termination reasons got the names the procedures use.
UPDATE workers SET membership_status = CASE membership_status
    WHEN 'pending' THEN 'registration_submitted'
    WHEN 'transfer_blocked' THEN 'active_elsewhere'
    WHEN 'deactivating' THEN 'deactivation_submitted'
    ELSE membership_status END;
UPDATE workers SET termination_reason = CASE termination_reason
    WHEN 'contract_ended' THEN 'end_of_contract'
    WHEN 'resigned' THEN 'resignation'
    WHEN 'dismissed' THEN 'dismissal'
    WHEN 'died' THEN 'death'
    WHEN 'retired' THEN 'other'
    ELSE termination_reason END;

-- Family members get a status of their own, with the end of a status that ends by itself (the
-- cover after a dismissal) and why it began. A worker's end and reason are those of its latest
-- membership event (the workers table is at diesel's 32 columns).
ALTER TABLE family_members ADD COLUMN membership_status TEXT NOT NULL DEFAULT 'not_registered';
ALTER TABLE family_members ADD COLUMN membership_since DATE;
ALTER TABLE family_members ADD COLUMN membership_until DATE;
ALTER TABLE family_members ADD COLUMN membership_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE membership_events (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    -- NULL: the worker; otherwise the family member
    family_member_id TEXT REFERENCES family_members (id),
    status TEXT NOT NULL,
    since DATE NOT NULL,
    until DATE,
    reason TEXT NOT NULL DEFAULT '',
    case_id TEXT,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX membership_events_worker ON membership_events (worker_id, id);

CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('registration', 'transfer', 'deactivation', 'family_change')),
    state TEXT NOT NULL CHECK (state IN ('open', 'blocked', 'submitted', 'rejected', 'completed', 'cancelled')),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    family_member_id TEXT REFERENCES family_members (id),
    -- what the case is about (domain `CaseDetail`, as JSON)
    detail_json TEXT NOT NULL,
    -- one case per subject at a time: `registration`, `deactivation`, `family:child_turns_21:<member>`
    subject_key TEXT NOT NULL,
    -- checklist items ticked by users (their codes, as a JSON array)
    confirmed_json TEXT NOT NULL DEFAULT '[]',
    assignee_id TEXT REFERENCES users (id),
    due_date DATE NOT NULL,
    -- why the case is in its state (blocked, rejected, cancelled)
    state_reason TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    opened_at TIMESTAMP NOT NULL,
    opened_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE UNIQUE INDEX cases_one_open_per_subject ON cases (worker_id, subject_key)
    WHERE state NOT IN ('completed', 'cancelled');
CREATE INDEX cases_worker ON cases (worker_id, id);
CREATE INDEX cases_state_due ON cases (state, due_date);
CREATE INDEX cases_assignee ON cases (assignee_id, state);

CREATE TABLE case_notes (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    author_id TEXT,
    author_label TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, id);

-- Files live in the database (never under the web root), with their checksum.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    uploaded_by TEXT NOT NULL,
    removed_at TIMESTAMP
);
CREATE INDEX documents_case ON documents (case_id);

CREATE TABLE arrears (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    family_member_id TEXT REFERENCES family_members (id),
    source TEXT NOT NULL CHECK (source IN ('previous_employer', 'self_paying', 'this_company')),
    months INTEGER NOT NULL CHECK (months > 0),
    amount BIGINT NOT NULL CHECK (amount >= 0),
    status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'waived')),
    evidence TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    settled_at TIMESTAMP
);
CREATE INDEX arrears_worker ON arrears (worker_id, id);
CREATE INDEX arrears_status ON arrears (status, worker_id);

-- Settings a director changes without a restart, as JSON per key.
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value_json TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL
);

-- The worker an audit entry concerns (also for changes to family, placements, cases), so a
-- worker's history is one index range.
ALTER TABLE audit_log ADD COLUMN subject_id TEXT;
CREATE INDEX audit_log_subject ON audit_log (subject_id, id);
