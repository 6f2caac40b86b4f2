-- Creates Flotilla's own role and database next to Temporal's databases.
--
-- Mounted into /docker-entrypoint-initdb.d of the postgres:16 container by
-- docker-compose.temporal.yml. The image runs it once, with psql as the
-- superuser, only when the data volume is initialised for the first time.
-- (Temporal's own `temporal` and `temporal_visibility` databases are created
-- by the temporal-schema-setup one-shot with temporal-sql-tool.)
--
-- The role name and password come from the container environment
-- (FLOTILLA_DATABASE_USER / FLOTILLA_DATABASE_PASSWORD) via psql's \getenv
-- (psql >= 15), so no credentials are hard-coded here.

\set ON_ERROR_STOP on

\getenv flotilla_user FLOTILLA_DATABASE_USER
\getenv flotilla_password FLOTILLA_DATABASE_PASSWORD

\if :{?flotilla_user}
\else
  \set flotilla_user flotilla
\endif
\if :{?flotilla_password}
\else
  \set flotilla_password flotilla
\endif

-- Role: create if missing (idempotent so the file can be re-run by hand).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'flotilla_user', :'flotilla_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'flotilla_user')
\gexec

-- Database: CREATE DATABASE cannot run in a DO block / transaction, hence \gexec.
SELECT format('CREATE DATABASE flotilla OWNER %I', :'flotilla_user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'flotilla')
\gexec

REVOKE ALL ON DATABASE flotilla FROM PUBLIC;
SELECT format('GRANT ALL PRIVILEGES ON DATABASE flotilla TO %I', :'flotilla_user')
\gexec

-- Since PostgreSQL 15 the public schema is no longer writable by everyone;
-- hand it to the Flotilla role so its migrations can create tables.
\connect flotilla
SELECT format('ALTER SCHEMA public OWNER TO %I', :'flotilla_user')
\gexec
