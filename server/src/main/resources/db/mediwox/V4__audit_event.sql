-- The audit trail: one row per FHIR request, append-only. Served read-only as FHIR AuditEvent by the server (read and
-- search); nothing updates or deletes rows (an operator may archive old ones with SQL).
create table audit_event (
    id        bigserial primary key,
    recorded  timestamptz not null,
    outcome   text not null,
    action    text not null,
    subtype   text not null,
    client_id text,
    who       text,
    resource  text,
    request   text not null,
    patients  text[] not null default '{}',
    body      text not null
);
create index audit_event_recorded on audit_event (recorded desc);
create index audit_event_patients on audit_event using gin (patients);
create index audit_event_resource on audit_event (resource, recorded desc);
create index audit_event_who on audit_event (who, recorded desc);
create index audit_event_client on audit_event (client_id, recorded desc);
