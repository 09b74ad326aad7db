-- Failed sign-ins on the built-in server's login form, per user name (existing or not), shared by every node: after
-- mediwox.rate-limit.lockout.failures in a row the name is locked until locked_until, for longer after every further
-- failure. The name is kept only as its SHA-256 digest (lower-cased, trimmed): what someone types is not stored.
-- (Numbered 5.1: server migrations use 1-9, and other work in progress may take 6.)
create table login_failure (
    name_digest  text primary key,
    failures     integer not null,
    last_failure timestamptz not null,
    locked_until timestamptz
);
