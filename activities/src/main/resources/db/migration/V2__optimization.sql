-- An optimization cycle's working data. Workflows pass only counts and positions; the resources,
-- metrics, analyses and recommendations themselves live here, keyed on business identity so that a
-- retried or resumed activity writes nothing twice.
-- created_at on every table is for retention: the maintenance workflow deletes old cycle data.

-- The window a cycle collected, so analysis ages resources against the same instant in every batch.
CREATE TABLE cycle_windows (
    cycle_id     TEXT        PRIMARY KEY,
    scope_key    TEXT        NOT NULL,
    window_from  TIMESTAMPTZ NOT NULL,
    window_to    TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX cycle_windows_created_at ON cycle_windows (created_at);

-- position is the order of collection; analysis batches are ranges of it.
CREATE TABLE cycle_resources (
    cycle_id     TEXT        NOT NULL,
    position     INT         NOT NULL,
    resource_id  TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    payload      JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cycle_id, resource_id),
    CONSTRAINT cycle_resources_position UNIQUE (cycle_id, position)
);

CREATE INDEX cycle_resources_created_at ON cycle_resources (created_at);

CREATE TABLE cycle_metrics (
    cycle_id     TEXT        NOT NULL,
    resource_id  TEXT        NOT NULL,
    metric       TEXT        NOT NULL,
    series       JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cycle_id, resource_id, metric)
);

CREATE INDEX cycle_metrics_created_at ON cycle_metrics (created_at);

CREATE TABLE cycle_analyses (
    cycle_id     TEXT        NOT NULL,
    resource_id  TEXT        NOT NULL,
    stats        JSONB       NOT NULL,
    findings     JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cycle_id, resource_id)
);

CREATE INDEX cycle_analyses_created_at ON cycle_analyses (created_at);

-- group_id/group_order come from Dependency Detection, batch_index from Batching; null before.
CREATE TABLE cycle_recommendations (
    cycle_id           TEXT             NOT NULL,
    recommendation_id  TEXT             NOT NULL,
    resource_id        TEXT             NOT NULL,
    action             TEXT             NOT NULL,
    savings_usd        DOUBLE PRECISION NOT NULL,
    payload            JSONB            NOT NULL,
    group_id           INT,
    group_order        INT,
    batch_index        INT,
    created_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (cycle_id, recommendation_id)
);

CREATE INDEX cycle_recommendations_batch ON cycle_recommendations (cycle_id, batch_index);
CREATE INDEX cycle_recommendations_created_at ON cycle_recommendations (created_at);

-- What an approved batch did, or on a dry run would have done; one row per action ever.
CREATE TABLE executed_actions (
    approval_id        TEXT        NOT NULL,
    recommendation_id  TEXT        NOT NULL,
    dry_run            BOOLEAN     NOT NULL,
    description        TEXT        NOT NULL,
    executed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (approval_id, recommendation_id)
);

CREATE INDEX executed_actions_executed_at ON executed_actions (executed_at);
