-- The worker registry: workers with their family card history, placements at client companies,
-- family members, and the workplace's minimum wage on client companies. Keep in step with
-- ../../postgres/ (a test compares them).

ALTER TABLE client_companies ADD COLUMN minimum_wage BIGINT;
ALTER TABLE client_companies ADD COLUMN regency_code TEXT;

CREATE TABLE workers (
    id TEXT PRIMARY KEY NOT NULL,
    nik TEXT NOT NULL UNIQUE,
    kk_number TEXT,
    full_name TEXT NOT NULL,
    -- lower case, single spaces: what search and sorting by name compare
    name_search TEXT NOT NULL,
    birth_place TEXT NOT NULL DEFAULT '',
    birth_date DATE NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    marital_status TEXT,
    citizenship TEXT NOT NULL DEFAULT 'wni',
    address TEXT NOT NULL DEFAULT '',
    district_code TEXT NOT NULL DEFAULT '',
    village_code TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    employee_number TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    employment_status TEXT,
    hire_date DATE NOT NULL,
    termination_date DATE,
    termination_reason TEXT,
    wage_base BIGINT NOT NULL CHECK (wage_base >= 0),
    noka TEXT,
    faskes_code TEXT NOT NULL DEFAULT '',
    -- the company of the current placement (kept by the application with `placements`)
    client_company_id TEXT REFERENCES client_companies (id),
    membership_status TEXT NOT NULL DEFAULT 'not_registered',
    membership_since DATE,
    warnings_json TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workers_noka ON workers (noka);
CREATE INDEX workers_name ON workers (name_search, id);
CREATE INDEX workers_employee_number ON workers (employee_number);
-- Each filter of the list with each of its orders (name, hire date, creation = id), so a filtered
-- page is read in order from an index instead of sorting every matching row.
CREATE INDEX workers_hire_date ON workers (hire_date, id);
CREATE INDEX workers_client ON workers (client_company_id, name_search, id);
CREATE INDEX workers_client_hire ON workers (client_company_id, hire_date, id);
CREATE INDEX workers_client_created ON workers (client_company_id, id);
CREATE INDEX workers_membership ON workers (membership_status, name_search, id);
CREATE INDEX workers_membership_hire ON workers (membership_status, hire_date, id);
CREATE INDEX workers_membership_created ON workers (membership_status, id);
CREATE INDEX workers_employment ON workers (employment_status, name_search, id);
CREATE INDEX workers_employment_hire ON workers (employment_status, hire_date, id);
CREATE INDEX workers_employment_created ON workers (employment_status, id);

-- Each word of a worker's name (and the parts of words joined by - ' . ,), lower case: searching a
-- name is a prefix range on this index, so "budi" finds "Andi Budiman" without reading every row.
CREATE TABLE worker_name_words (
    word TEXT NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    PRIMARY KEY (word, worker_id)
);
CREATE INDEX worker_name_words_worker ON worker_name_words (worker_id);

-- Family card numbers change (a move, a divorce, a new head of family): every one is kept.
CREATE TABLE worker_kk_history (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    kk_number TEXT NOT NULL,
    valid_from DATE,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX worker_kk_history_worker ON worker_kk_history (worker_id, recorded_at);

CREATE TABLE placements (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    client_company_id TEXT NOT NULL REFERENCES client_companies (id),
    start_date DATE NOT NULL,
    end_date DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
-- One current placement per worker.
CREATE UNIQUE INDEX placements_one_current ON placements (worker_id) WHERE end_date IS NULL;
CREATE INDEX placements_worker ON placements (worker_id, start_date);
CREATE INDEX placements_client ON placements (client_company_id);

-- Removed members keep their row (removed_at): coverage history and audit refer to them.
CREATE TABLE family_members (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    relation TEXT NOT NULL CHECK (relation IN ('husband', 'wife', 'child', 'father', 'mother', 'parent_in_law', 'extra_child')),
    nik TEXT NOT NULL,
    kk_number TEXT,
    full_name TEXT NOT NULL,
    birth_place TEXT NOT NULL DEFAULT '',
    birth_date DATE NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    marital_status TEXT,
    citizenship TEXT NOT NULL DEFAULT 'wni',
    noka TEXT,
    faskes_code TEXT NOT NULL DEFAULT '',
    in_formal_education BOOLEAN NOT NULL DEFAULT FALSE,
    education_until DATE,
    coverage TEXT NOT NULL CHECK (coverage IN ('covered', 'extra', 'not_covered')),
    warnings_json TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP
);
CREATE INDEX family_members_worker ON family_members (worker_id);
CREATE INDEX family_members_nik ON family_members (nik);
CREATE INDEX family_members_noka ON family_members (noka);
