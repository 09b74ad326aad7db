-- The audit trail keeps the facts of each request in columns and renders the FHIR AuditEvent when it is read, rather
-- than building and encoding an AuditEvent for every request (issue 20). Rows written before keep their JSON in body.
alter table audit_event alter column body drop not null;
alter table audit_event add column profile text;
alter table audit_event add column outcome_desc text;
alter table audit_event add column source_address text;
alter table audit_event add column server_url text;
alter table audit_event add column query boolean not null default false;
alter table audit_event add column details text[] not null default '{}';
