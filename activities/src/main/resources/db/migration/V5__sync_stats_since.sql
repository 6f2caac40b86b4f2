-- flotilla sync stats --since: the analytics view's aggregation over the transitions logged since a
-- time. The view becomes this function over all time, so the two cannot drift apart.
CREATE FUNCTION workflow_phase_analytics_since(since TIMESTAMPTZ)
RETURNS TABLE (
    phase_number    SMALLINT,
    phase_name      TEXT,
    total           BIGINT,
    completed       BIGINT,
    failed          BIGINT,
    rolled_back     BIGINT,
    avg_duration_ms NUMERIC,
    p95_duration_ms DOUBLE PRECISION
)
LANGUAGE sql STABLE AS $$
SELECT s.phase_number,
       s.phase_name,
       count(*) FILTER (WHERE l.status = 'started'),
       count(*) FILTER (WHERE l.status = 'completed'),
       count(*) FILTER (WHERE l.status = 'failed'),
       count(*) FILTER (WHERE l.status = 'rolled_back'),
       round(avg(l.duration_ms) FILTER (WHERE l.status = 'completed')),
       percentile_cont(0.95) WITHIN GROUP (ORDER BY l.duration_ms)
           FILTER (WHERE l.status = 'completed')
FROM workflow_phase_slas s
JOIN workflow_phase_logs l ON l.phase_number = s.phase_number
WHERE l."timestamp" >= since
GROUP BY s.phase_number, s.phase_name
$$;

CREATE OR REPLACE VIEW workflow_phase_analytics AS
SELECT * FROM workflow_phase_analytics_since('-infinity');
