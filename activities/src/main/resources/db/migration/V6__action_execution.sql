-- Real execution of approved actions. A row is written before the first call that changes a
-- resource (completed false) and marked completed after the last one, so a retried or re-run
-- execution skips what was done and resumes what was cut short. prior_state is the resource's
-- state when the action first looked at it: a rightsize that stopped a running instance starts it
-- again even when the attempt that stopped it died. Dry-run rows are written completed.
ALTER TABLE executed_actions
    ADD COLUMN completed   BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN prior_state TEXT;
