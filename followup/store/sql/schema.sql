-- schema: reporting rounds and what each holds; created on first write, idempotent
CREATE TABLE IF NOT EXISTS snapshots (
    snapshot_id   BIGINT PRIMARY KEY,
    as_of         DATE NOT NULL,
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    loaded_at     TIMESTAMP NOT NULL,
    loaded_by     VARCHAR,
    actions       INTEGER NOT NULL,
    grants        INTEGER NOT NULL,
    disbursements INTEGER NOT NULL,
    warnings      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS actions (
    snapshot_id    BIGINT NOT NULL,
    row_no         INTEGER,
    action_id      VARCHAR,
    action_key     VARCHAR NOT NULL,
    action         VARCHAR NOT NULL,
    actor          VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    status_text    VARCHAR,
    recommendation VARCHAR,
    evaluation     VARCHAR,
    party          VARCHAR,
    section        VARCHAR,
    region         VARCHAR,
    due_date       DATE,
    comment        VARCHAR
);
-- added after the first release: an existing file gains the column when next opened for
-- writing (store.upgrade does that on first use)
ALTER TABLE actions ADD COLUMN IF NOT EXISTS recommendation_id VARCHAR;
-- what documents the status (an archive reference or an https link), from the optional
-- column Dokumentasjon | Evidence
ALTER TABLE actions ADD COLUMN IF NOT EXISTS evidence VARCHAR;
CREATE TABLE IF NOT EXISTS recommendations (
    snapshot_id       BIGINT NOT NULL,
    row_no            INTEGER,
    recommendation_id VARCHAR NOT NULL,
    recommendation    VARCHAR NOT NULL,
    response          VARCHAR NOT NULL,
    response_text     VARCHAR,
    evaluation        VARCHAR,
    responsible       VARCHAR
);
CREATE TABLE IF NOT EXISTS grants (
    snapshot_id BIGINT NOT NULL,
    row_no      INTEGER,
    grant_id    VARCHAR NOT NULL,
    title       VARCHAR,
    partner     VARCHAR NOT NULL,
    section     VARCHAR,
    region      VARCHAR,
    country     VARCHAR,
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    amount_nok  DECIMAL(18, 2),
    grant_type  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS disbursements (
    snapshot_id BIGINT NOT NULL,
    grant_id    VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    amount_nok  DECIMAL(18, 2) NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_log (
    logged_at   TIMESTAMP NOT NULL,
    who         VARCHAR,
    event       VARCHAR NOT NULL,
    snapshot_id BIGINT,
    sha256      VARCHAR,
    file_name   VARCHAR,
    as_of       DATE
);
-- to whom a reminder went (or was refused), for the events reminder and reminder_failed
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS recipients VARCHAR;
-- what an event concerns beyond its round: a refused change (`A5 (IOM): Gjennomført → Pågår`)
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS detail VARCHAR;
CREATE TABLE IF NOT EXISTS contacts (
    snapshot_id BIGINT NOT NULL,
    row_no      INTEGER,
    actor       VARCHAR NOT NULL,
    email       VARCHAR NOT NULL
);
-- what each round covers (see state.sql): scope, the evaluation ('' the default one, '*' every
-- one), the actor and the year where the scope has them
CREATE TABLE IF NOT EXISTS coverage (
    snapshot_id BIGINT NOT NULL,
    scope       VARCHAR NOT NULL,
    evaluation  VARCHAR NOT NULL DEFAULT '',
    actor       VARCHAR NOT NULL DEFAULT '',
    year        INTEGER
);
-- the evaluations' own facts (the optional sheet Evalueringer)
CREATE TABLE IF NOT EXISTS evaluations (
    snapshot_id   BIGINT NOT NULL,
    row_no        INTEGER,
    evaluation    VARCHAR NOT NULL,
    report_year   INTEGER,
    response_date DATE,
    owner         VARCHAR,
    link          VARCHAR
);
-- rounds loaded before scoped rounds become whole rounds: each replaces every evaluation's
-- plan and recommendations it has rows for, the portfolio when it has grants, and the
-- contacts of the actors it lists
INSERT INTO coverage (snapshot_id, scope, evaluation, actor)
WITH earlier AS (
    SELECT snapshot_id FROM snapshots
    WHERE snapshot_id NOT IN (SELECT snapshot_id FROM coverage)
)
SELECT DISTINCT snapshot_id, 'plan', '*', '' FROM actions JOIN earlier USING (snapshot_id)
UNION ALL
SELECT DISTINCT snapshot_id, 'recommendations', '*', ''
FROM recommendations JOIN earlier USING (snapshot_id)
UNION ALL
SELECT DISTINCT snapshot_id, 'grants', '', '' FROM grants JOIN earlier USING (snapshot_id)
UNION ALL
SELECT DISTINCT snapshot_id, 'contacts', '', actor FROM contacts JOIN earlier USING (snapshot_id);
-- the requests for a status (python -m followup requests): one row per actor and evaluation
-- ('' the default one) a request asked about, with the round whose state it was made from
CREATE TABLE IF NOT EXISTS requests (
    request_id  BIGINT NOT NULL,
    made_at     TIMESTAMP NOT NULL,
    made_by     VARCHAR,
    snapshot_id BIGINT NOT NULL,
    actor       VARCHAR NOT NULL,
    evaluation  VARCHAR NOT NULL,
    actions     INTEGER NOT NULL,
    file_name   VARCHAR
);
