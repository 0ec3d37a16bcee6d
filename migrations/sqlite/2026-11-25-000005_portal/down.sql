DROP INDEX placements_client_dates;
DROP TABLE api_clients;
