-- API clients of client companies (OAuth 2.0 client credentials): the secret is kept as its
-- SHA-256 (it is 256 random bits, so a slow hash adds nothing). Keep in step with ../../sqlite/.
CREATE TABLE api_clients (
    id TEXT PRIMARY KEY NOT NULL,
    client_company_id TEXT NOT NULL REFERENCES client_companies (id),
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    rate_limit_per_minute INTEGER NOT NULL DEFAULT 120,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_clients_company ON api_clients (client_company_id);
-- The portal lists a company's placements.
CREATE INDEX placements_client_dates ON placements (client_company_id, end_date);
