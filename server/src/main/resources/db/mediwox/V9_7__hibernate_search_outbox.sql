-- Hibernate Search's outbox-polling coordination (mediwox.full-text.backend=opensearch): each transaction that
-- changes an indexed entity records an event here; the nodes registered as agents share the events by entity id
-- hash and apply them to OpenSearch, so an index change survives the death of the node that made it.
-- The columns are those Hibernate Search 7.2's own mapping generates for PostgreSQL (HapiFhirPostgresDialect);
-- Hibernate does not make or check the schema here. Unused (and empty) with the local Lucene index.

create table hsearch_outbox_event (
    entityidhash integer not null,
    retries integer not null,
    processafter timestamp(6) with time zone not null,
    id uuid not null,
    entityid varchar(256) not null,
    entityname varchar(256) not null,
    status varchar(255) not null,
    tenantid varchar(255),
    payload bytea not null,
    primary key (id)
);

create index hsearch_outbox_event_entityidhash on hsearch_outbox_event (entityidhash);
create index hsearch_outbox_event_status on hsearch_outbox_event (status);
create index hsearch_outbox_event_processafter on hsearch_outbox_event (processafter);

create table hsearch_agent (
    assignedshardindex integer,
    totalshardcount integer,
    expiration timestamp(6) with time zone not null,
    id uuid not null,
    name varchar(255) not null,
    state varchar(255) not null,
    tenantid varchar(255),
    type varchar(255) not null,
    payload bytea,
    primary key (id)
);
