DROP TABLE edabu_batch_rows;
DROP TABLE edabu_batches;
