-- Operation history per component: one row per (component, operation ID), written when the
-- operation ends by an idempotent upsert, so a retried or replayed write keeps one row.
CREATE TABLE component_operations (
    component           TEXT        NOT NULL,
    operation_id        TEXT        NOT NULL,
    operation           TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
    instances           INTEGER     NOT NULL,
    healthy_instances   INTEGER     NOT NULL,
    automatic_restarts  INTEGER     NOT NULL,
    priority            TEXT        NOT NULL,
    requested_by        TEXT,
    workflow_id         TEXT        NOT NULL,
    detail              TEXT,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (component, operation_id)
);

CREATE INDEX component_operations_history ON component_operations (component, finished_at DESC);
CREATE INDEX component_operations_finished_at ON component_operations (finished_at);
