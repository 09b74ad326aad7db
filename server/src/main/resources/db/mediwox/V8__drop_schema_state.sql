-- HAPI FHIR's tables are migrated by HAPI's own migrator now, with its own history (public."FLY_HFJ_MIGRATION"):
-- the HAPI version Hibernate's schema update last ran for is no longer needed. HapiSchemaMigration reads it once,
-- before this runs, to baseline a database Hibernate made.
drop table if exists schema_state;
