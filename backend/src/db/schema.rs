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
        minimum_wage -> Nullable<BigInt>,
        regency_code -> Nullable<Text>,
    }
}

diesel::table! {
    workers (id) {
        id -> Text,
        nik -> Text,
        kk_number -> Nullable<Text>,
        full_name -> Text,
        name_search -> Text,
        birth_place -> Text,
        birth_date -> Date,
        gender -> Text,
        marital_status -> Nullable<Text>,
        citizenship -> Text,
        address -> Text,
        district_code -> Text,
        village_code -> Text,
        phone -> Text,
        email -> Text,
        employee_number -> Text,
        position -> Text,
        employment_status -> Nullable<Text>,
        hire_date -> Date,
        termination_date -> Nullable<Date>,
        termination_reason -> Nullable<Text>,
        wage_base -> BigInt,
        noka -> Nullable<Text>,
        faskes_code -> Text,
        client_company_id -> Nullable<Text>,
        membership_status -> Text,
        membership_since -> Nullable<Date>,
        warnings_json -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    worker_name_words (word, worker_id) {
        word -> Text,
        worker_id -> Text,
    }
}

diesel::table! {
    worker_kk_history (id) {
        id -> Text,
        worker_id -> Text,
        kk_number -> Text,
        valid_from -> Nullable<Date>,
        recorded_at -> Timestamp,
        recorded_by -> Text,
    }
}

diesel::table! {
    placements (id) {
        id -> Text,
        worker_id -> Text,
        client_company_id -> Text,
        start_date -> Date,
        end_date -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    family_members (id) {
        id -> Text,
        worker_id -> Text,
        relation -> Text,
        nik -> Text,
        kk_number -> Nullable<Text>,
        full_name -> Text,
        birth_place -> Text,
        birth_date -> Date,
        gender -> Text,
        marital_status -> Nullable<Text>,
        citizenship -> Text,
        noka -> Nullable<Text>,
        faskes_code -> Text,
        in_formal_education -> Bool,
        education_until -> Nullable<Date>,
        coverage -> Text,
        warnings_json -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
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
diesel::joinable!(workers -> client_companies (client_company_id));
diesel::joinable!(worker_kk_history -> workers (worker_id));
diesel::joinable!(worker_name_words -> workers (worker_id));
diesel::joinable!(placements -> workers (worker_id));
diesel::joinable!(placements -> client_companies (client_company_id));
diesel::joinable!(family_members -> workers (worker_id));
diesel::allow_tables_to_appear_in_same_query!(
    client_companies,
    users,
    refresh_tokens,
    login_throttle,
    audit_log,
    workers,
    worker_kk_history,
    worker_name_words,
    placements,
    family_members
);
