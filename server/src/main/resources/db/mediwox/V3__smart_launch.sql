-- EHR launch contexts of the built-in authorization server: an EHR registers the patient (and encounter) it launches an
-- app for and passes the opaque id to the app as `launch`; the token request resolves it. Shared by all nodes.
create table smart_launch (
    id         text primary key,
    patient    text not null,
    encounter  text,
    created_by text not null,
    created    timestamptz not null default now()
);
create index smart_launch_created on smart_launch (created);
