-- Document content kept outside the database (S3 or the local file system): one row per stored object, written in the
-- transaction of the resource version that refers to it, so a row exists exactly when a committed resource owns the
-- object. Rows stored outside such a transaction ($binary-access-write) start unconfirmed and are confirmed by the
-- resource update that follows; the sweeper removes objects without a confirmed row once they are old enough.
create table document_content (
    content_id    varchar(100) primary key,
    resource_type varchar(64) not null,
    resource_id   varchar(64) not null,
    content_type  varchar(255) not null,
    size_bytes    bigint not null,
    sha256        char(64) not null,
    stored_at     timestamptz not null default now(),
    confirmed     boolean not null
);
create index document_content_resource on document_content (resource_type, resource_id);
create index document_content_unconfirmed on document_content (stored_at) where not confirmed;
