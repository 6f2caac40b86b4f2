-- One row per incident and alert channel: what the delivery activity did there. A channel already
-- DELIVERED (or REJECTED for good) for an incident is skipped when Temporal retries the activity,
-- so a retry sends only to the channels still missing. incident_id is the alerting workflow's
-- business identity (operation and incident sequence), never an attempt number.
CREATE TABLE alert_deliveries (
    incident_id   TEXT        NOT NULL,
    channel       TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('DELIVERED', 'FAILED', 'REJECTED')),
    attempts      INTEGER     NOT NULL DEFAULT 0,
    delivered_at  TIMESTAMPTZ,
    last_error    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT alert_deliveries_incident_channel UNIQUE (incident_id, channel)
);
