//! Table definitions shared by SQLite and PostgreSQL. Written by hand to match both migration
//! directories; `tests/api/schema.rs` checks the two databases agree with each other.

diesel::table! {
    client_companies (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        address -> Text,
        contact_emails -> Text,
        active -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        client_company_id -> Nullable<Text>,
        language -> Text,
        disabled -> Bool,
        session_epoch -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_throttle (email) {
        email -> Text,
        failures -> BigInt,
        last_failure_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_label -> Text,
        ip -> Nullable<Text>,
        request_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
    }
}

diesel::joinable!(users -> client_companies (client_company_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(client_companies, users, refresh_tokens, login_throttle, audit_log);
