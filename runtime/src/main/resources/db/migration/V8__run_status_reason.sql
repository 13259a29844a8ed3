-- A run's status says why it ended ("FAILED: <the error>", "INTERRUPTED: ..."): 32 characters cut most such
-- reasons, and the update that should have ended the run failed on them, so the run stayed RUNNING.
ALTER TABLE runs ALTER COLUMN status SET DATA TYPE VARCHAR(2000);
