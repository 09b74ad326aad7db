-- Which version of a component's schema the database holds. HAPI FHIR's HFJ_* tables are created and updated by
-- Hibernate; recording HAPI's version here lets a restart on an up-to-date database skip that (slow) schema update.
create table schema_state (
    component  varchar(64) primary key,
    version    varchar(64) not null,
    updated_at timestamptz not null default now()
);
