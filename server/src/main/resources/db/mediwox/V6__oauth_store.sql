-- The built-in authorization server's shared state, so that it runs on one node or many and survives restarts.

-- Spring Authorization Server's authorizations (JdbcOAuth2AuthorizationService): one row per grant, with its
-- authorization code, access, refresh and ID token. Spring's shipped DDL adapted to PostgreSQL as its documentation
-- says (blob -> text, timestamp -> timestamptz); the token columns are looked up by value, so they get hash indexes (a
-- JWT with many scopes is longer than a B-tree entry may be).
create table oauth2_authorization (
    id                            varchar(100) primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
create index oauth2_authorization_state on oauth2_authorization using hash (state);
create index oauth2_authorization_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_id_token on oauth2_authorization using hash (oidc_id_token_value);
create index oauth2_authorization_refresh on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_user_code on oauth2_authorization using hash (user_code_value);
create index oauth2_authorization_device_code on oauth2_authorization using hash (device_code_value);
-- for the clean-up of authorizations whose every token has expired
create index oauth2_authorization_expiry on oauth2_authorization
    (greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at));

-- Client assertions (private_key_jwt) already used: a (client, jti) pair is accepted once, until the assertion expires.
create table oauth_client_assertion (
    client_id  text not null,
    jti        text not null,
    expires_at timestamptz not null,
    primary key (client_id, jti)
);
create index oauth_client_assertion_expiry on oauth_client_assertion (expires_at);

-- Revoked access tokens, by their jti or by the grant (authorization) they were issued under, until the last of them
-- expires. Every node reads new rows (revoked_at after the last it saw) into memory every few seconds.
create table oauth_revocation (
    id         text primary key,
    expires_at timestamptz not null,
    revoked_at timestamptz not null default clock_timestamp()
);
create index oauth_revocation_revoked on oauth_revocation (revoked_at);
create index oauth_revocation_expiry on oauth_revocation (expires_at);
