-- The append-only audit trail every Flotilla workflow writes to through an idempotent activity.
-- (workflow_id, stage, item) is the business key: a retried or replayed write is a no-op.
CREATE TABLE audit_events (
    id           BIGSERIAL PRIMARY KEY,
    workflow_id  TEXT        NOT NULL,
    run_id       TEXT,
    kind         TEXT        NOT NULL,
    stage        TEXT        NOT NULL,
    item         TEXT        NOT NULL DEFAULT '',
    event_type   TEXT        NOT NULL,
    actor        TEXT,
    details      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT audit_events_business_key UNIQUE (workflow_id, stage, item, event_type)
);

CREATE INDEX audit_events_recorded_at ON audit_events (recorded_at);
CREATE INDEX audit_events_kind_stage ON audit_events (kind, stage);
