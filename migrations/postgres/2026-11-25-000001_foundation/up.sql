-- Foundation: users and their sessions, sign-in throttling, client companies (owners of client
-- users), and the append-only audit log. Keep in step with ../../sqlite/ (a test compares them).

CREATE TABLE client_companies (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    contact_emails TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('director', 'hr', 'admin_ops', 'client')),
    client_company_id TEXT REFERENCES client_companies (id),
    language TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP,
    CHECK ((role = 'client') = (client_company_id IS NOT NULL))
);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE login_throttle (
    email TEXT PRIMARY KEY NOT NULL,
    failures BIGINT NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_label TEXT NOT NULL,
    ip TEXT,
    request_id TEXT,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The audit log is evidence: the database itself refuses to change or remove it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
