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
        membership_status -> Text,
        membership_since -> Nullable<Date>,
        membership_until -> Nullable<Date>,
        membership_reason -> Text,
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
        subject_id -> Nullable<Text>,
    }
}

diesel::table! {
    membership_events (id) {
        id -> Text,
        worker_id -> Text,
        family_member_id -> Nullable<Text>,
        status -> Text,
        since -> Date,
        until -> Nullable<Date>,
        reason -> Text,
        case_id -> Nullable<Text>,
        recorded_at -> Timestamp,
        recorded_by -> Text,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        kind -> Text,
        state -> Text,
        worker_id -> Text,
        family_member_id -> Nullable<Text>,
        detail_json -> Text,
        subject_key -> Text,
        confirmed_json -> Text,
        assignee_id -> Nullable<Text>,
        due_date -> Date,
        state_reason -> Text,
        version -> BigInt,
        opened_at -> Timestamp,
        opened_by -> Text,
        updated_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    case_notes (id) {
        id -> Text,
        case_id -> Text,
        author_id -> Nullable<Text>,
        author_label -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        case_id -> Text,
        kind -> Text,
        file_name -> Text,
        media_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        content -> Binary,
        uploaded_at -> Timestamp,
        uploaded_by -> Text,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    arrears (id) {
        id -> Text,
        worker_id -> Text,
        family_member_id -> Nullable<Text>,
        source -> Text,
        months -> Integer,
        amount -> BigInt,
        status -> Text,
        evidence -> Text,
        note -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        settled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value_json -> Text,
        updated_at -> Timestamp,
        updated_by -> Text,
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
diesel::joinable!(cases -> workers (worker_id));
diesel::joinable!(cases -> users (assignee_id));
diesel::joinable!(case_notes -> cases (case_id));
diesel::joinable!(documents -> cases (case_id));
diesel::joinable!(arrears -> workers (worker_id));
diesel::joinable!(membership_events -> workers (worker_id));
diesel::table! {
    imports (id) {
        id -> Text,
        kind -> Text,
        file_name -> Text,
        dry_run -> Bool,
        mode -> Text,
        state -> Text,
        rows_total -> BigInt,
        report_json -> Nullable<Text>,
        error -> Text,
        started_by -> Nullable<Text>,
        started_by_label -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

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
    family_members,
    membership_events,
    cases,
    case_notes,
    documents,
    arrears,
    settings,
    outbox,
    reminder_runs,
    api_clients,
    edabu_batches,
    edabu_batch_rows,
    webhooks
);

diesel::table! {
    outbox (id) {
        id -> Text,
        idempotency_key -> Text,
        kind -> Text,
        user_id -> Nullable<Text>,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        leased_by -> Nullable<Text>,
        last_error -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        channel -> Text,
        webhook_id -> Nullable<Text>,
    }
}

diesel::table! {
    reminder_runs (key) {
        key -> Text,
        ran_at -> Timestamp,
    }
}

diesel::table! {
    api_clients (id) {
        id -> Text,
        client_company_id -> Text,
        name -> Text,
        secret_hash -> Text,
        rate_limit_per_minute -> Integer,
        created_at -> Timestamp,
        created_by -> Text,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    edabu_batches (id) {
        id -> Text,
        kind -> Text,
        client_company_id -> Nullable<Text>,
        month -> Nullable<Text>,
        file_name -> Text,
        file_content -> Binary,
        case_count -> BigInt,
        row_count -> BigInt,
        created_by_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    edabu_batch_rows (id) {
        id -> Text,
        batch_id -> Text,
        number -> BigInt,
        case_id -> Text,
        worker_id -> Text,
        family_member_id -> Nullable<Text>,
        relation -> Nullable<Text>,
        full_name -> Text,
        nik -> Text,
        noka -> Nullable<Text>,
        result -> Nullable<Text>,
        result_noka -> Nullable<Text>,
        result_reason -> Text,
        result_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(edabu_batches -> client_companies (client_company_id));
diesel::joinable!(edabu_batch_rows -> edabu_batches (batch_id));
diesel::joinable!(edabu_batch_rows -> cases (case_id));

diesel::table! {
    webhooks (id) {
        id -> Text,
        client_company_id -> Text,
        url -> Text,
        secret -> Text,
        enabled -> Bool,
        secret_rotated_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::joinable!(webhooks -> client_companies (client_company_id));
diesel::joinable!(outbox -> webhooks (webhook_id));
