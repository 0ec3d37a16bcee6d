DROP TABLE audit_log;
DROP TABLE login_throttle;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE client_companies;
