DROP TABLE family_members;
DROP TABLE placements;
DROP TABLE worker_kk_history;
DROP TABLE worker_name_words;
DROP TABLE workers;
ALTER TABLE client_companies DROP COLUMN regency_code;
ALTER TABLE client_companies DROP COLUMN minimum_wage;
