-- The phase audit log of sync jobs, with the seed's columns. (workflow_id, phase_number, status) is
-- the business key: the workflow records each transition through an activity that Temporal may
-- retry, and a retried write must change nothing.
CREATE TABLE workflow_phase_logs (
    id                  BIGSERIAL   PRIMARY KEY,
    workflow_id         TEXT        NOT NULL,
    user_id             TEXT        NOT NULL,
    phase_number        SMALLINT    NOT NULL CHECK (phase_number BETWEEN 1 AND 7),
    status              TEXT        NOT NULL
                                    CHECK (status IN ('started', 'completed', 'failed', 'rolled_back')),
    "timestamp"         TIMESTAMPTZ NOT NULL,
    duration_ms         BIGINT,
    previous_phase      SMALLINT,
    error_message       TEXT,
    error_stack         TEXT,
    metadata            JSONB       NOT NULL DEFAULT '{}'::jsonb,
    rollback_triggered  BOOLEAN     NOT NULL DEFAULT FALSE,
    rollback_to_phase   SMALLINT,
    CONSTRAINT workflow_phase_logs_transition UNIQUE (workflow_id, phase_number, status)
);
CREATE INDEX workflow_phase_logs_time ON workflow_phase_logs ("timestamp");

-- The seed's SLA per phase. A job may override them; it then records its own SLA in each row's
-- metadata (sla_ms), which the violations view prefers.
CREATE TABLE workflow_phase_slas (
    phase_number SMALLINT PRIMARY KEY,
    phase_name   TEXT     NOT NULL,
    sla_ms       BIGINT   NOT NULL
);
INSERT INTO workflow_phase_slas VALUES
    (1, 'connect',   30000),
    (2, 'extract',   60000),
    (3, 'transform', 120000),
    (4, 'validate',  90000),
    (5, 'stage',     10000),
    (6, 'commit',    15000),
    (7, 'notify',    60000);

-- Per phase: how often it ran, how it ended and how long it took when it completed.
CREATE VIEW workflow_phase_analytics AS
SELECT s.phase_number,
       s.phase_name,
       count(*) FILTER (WHERE l.status = 'started')                        AS total,
       count(*) FILTER (WHERE l.status = 'completed')                      AS completed,
       count(*) FILTER (WHERE l.status = 'failed')                         AS failed,
       count(*) FILTER (WHERE l.status = 'rolled_back')                    AS rolled_back,
       round(avg(l.duration_ms) FILTER (WHERE l.status = 'completed'))    AS avg_duration_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY l.duration_ms)
           FILTER (WHERE l.status = 'completed')                           AS p95_duration_ms
FROM workflow_phase_slas s
JOIN workflow_phase_logs l ON l.phase_number = s.phase_number
GROUP BY s.phase_number, s.phase_name;

-- Phases that ended (completed or failed) after their SLA: the job's own SLA when it set one.
CREATE VIEW workflow_phase_sla_violations AS
SELECT l.workflow_id,
       l.user_id,
       l.phase_number,
       s.phase_name,
       l.status,
       l."timestamp",
       l.duration_ms,
       COALESCE((l.metadata ->> 'sla_ms')::BIGINT, s.sla_ms)               AS sla_ms,
       l.duration_ms - COALESCE((l.metadata ->> 'sla_ms')::BIGINT, s.sla_ms) AS over_by_ms
FROM workflow_phase_logs l
JOIN workflow_phase_slas s ON s.phase_number = l.phase_number
WHERE l.status IN ('completed', 'failed')
  AND l.duration_ms > COALESCE((l.metadata ->> 'sla_ms')::BIGINT, s.sla_ms);

-- A sync job's work tables, keyed on the job (its workflow ID) so records never travel through
-- workflow history and every step is safe to repeat. record_key is the record's place in the
-- source (file and index), so a resumed EXTRACT writes nothing twice.
CREATE TABLE sync_raw_records (
    job_id      TEXT  NOT NULL,
    record_key  TEXT  NOT NULL,
    payload     JSONB NOT NULL,
    PRIMARY KEY (job_id, record_key)
);

-- target_key: the record's key field, null when the record has none (VALIDATE quarantines it).
CREATE TABLE sync_transformed_records (
    job_id      TEXT  NOT NULL,
    record_key  TEXT  NOT NULL,
    target_key  TEXT,
    payload     JSONB NOT NULL,
    PRIMARY KEY (job_id, record_key)
);

-- Records VALIDATE set aside, with why; kept after a rollback as the evidence of what was wrong.
CREATE TABLE sync_quarantine (
    job_id      TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    reasons     TEXT[]      NOT NULL,
    payload     JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, record_key)
);

-- Valid records keyed as they will be in the sink (target_key = the request's key field).
CREATE TABLE sync_staged_rows (
    job_id      TEXT  NOT NULL,
    target_key  TEXT  NOT NULL,
    payload     JSONB NOT NULL,
    PRIMARY KEY (job_id, target_key)
);

-- What COMMIT replaced: the previous version of each touched sink row (existed = false: the row
-- was new, so undoing deletes it). Written in COMMIT's transaction; only the first version is kept,
-- so a retried COMMIT cannot overwrite the true original with its own earlier write.
CREATE TABLE sync_commit_undo (
    job_id      TEXT    NOT NULL,
    sink_table  TEXT    NOT NULL,
    target_key  TEXT    NOT NULL,
    existed     BOOLEAN NOT NULL,
    previous    JSONB,
    PRIMARY KEY (job_id, sink_table, target_key)
);

-- The default sink. Any table with record_key TEXT PRIMARY KEY and data JSONB can be a sink.
CREATE TABLE sync_records (
    record_key  TEXT        PRIMARY KEY,
    data        JSONB       NOT NULL,
    synced_by   TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
