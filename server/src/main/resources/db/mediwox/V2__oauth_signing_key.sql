-- The built-in authorization server's token signing key: one key for every node and every restart, so tokens stay
-- valid across both. Production trusts an external issuer (MEDIWOX_AUTH_ISSUER) and leaves this table empty.
create table oauth_signing_key (
    kid     text primary key,
    jwk     text not null,
    created timestamptz not null default now()
);
