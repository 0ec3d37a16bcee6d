//! The audit log: append-only (the application has no update or delete path, and both databases
//! refuse them by trigger). Every write of the application calls [`record`] inside its own
//! transaction, so a change and its audit entry land together or not at all.

use diesel::prelude::*;
use serde::Serialize;

use super::bulk::ROWS_PER_STATEMENT;
use super::schema::audit_log;
use super::{new_id, now, DbConn};

/// Who did it and from where.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub id: Option<String>,
    /// The user's email at the time, or `system` / `cli` for the application itself.
    pub label: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
}

impl Actor {
    pub fn system(label: &str) -> Actor {
        Actor { label: label.to_string(), ..Actor::default() }
    }
}

#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub struct Entry {
    pub id: String,
    pub at: chrono::NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_label: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    /// The worker the entry is about (for changes to a worker, its family, placements or cases).
    pub subject_id: Option<String>,
}

/// What happened to which record, with its state before and after. Callers pass views that
/// leave out secrets such as password hashes.
#[derive(Debug, Clone)]
pub struct Change {
    action: &'static str,
    entity_type: &'static str,
    entity_id: Option<String>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    subject_id: Option<String>,
}

impl Change {
    /// A change to a record; a change to a worker is about that worker (see [`Change::about`]).
    pub fn new(action: &'static str, entity_type: &'static str, entity_id: Option<&str>) -> Change {
        let subject_id = entity_id.filter(|_| entity_type == "worker").map(str::to_string);
        Change { action, entity_type, entity_id: entity_id.map(str::to_string), before: None, after: None, subject_id }
    }

    /// The worker this change concerns, so it shows in the worker's history.
    pub fn about(mut self, worker_id: &str) -> Change {
        self.subject_id = Some(worker_id.to_string());
        self
    }

    pub fn before(mut self, state: &impl Serialize) -> Change {
        self.before = serde_json::to_value(state).ok();
        self
    }

    pub fn after(mut self, state: &impl Serialize) -> Change {
        self.after = serde_json::to_value(state).ok();
        self
    }
}

/// The entry for `change` by `actor`, now.
pub fn entry(actor: &Actor, change: Change) -> Entry {
    Entry {
        id: new_id(),
        at: now(),
        actor_id: actor.id.clone(),
        actor_label: actor.label.clone(),
        ip: actor.ip.clone(),
        request_id: actor.request_id.clone(),
        action: change.action.to_string(),
        entity_type: change.entity_type.to_string(),
        entity_id: change.entity_id,
        before_json: change.before.map(|v| v.to_string()),
        after_json: change.after.map(|v| v.to_string()),
        subject_id: change.subject_id,
    }
}

pub fn record(conn: &mut DbConn, actor: &Actor, change: Change) -> QueryResult<()> {
    insert_all(conn, &[entry(actor, change)])
}

/// Writes entries made with [`entry`], many rows per statement.
pub fn insert_all(conn: &mut DbConn, entries: &[Entry]) -> QueryResult<()> {
    super::bulk::insert_many!(conn, audit_log::table, entries);
    Ok(())
}

/// Entries about one record, oldest first.
pub fn for_entity(conn: &mut DbConn, entity_type: &str, entity_id: &str) -> QueryResult<Vec<Entry>> {
    audit_log::table
        .filter(audit_log::entity_type.eq(entity_type))
        .filter(audit_log::entity_id.eq(entity_id))
        .order(audit_log::id.asc())
        .select(Entry::as_select())
        .load(conn)
}

/// What the audit list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub subject_id: Option<String>,
    pub actor_id: Option<String>,
    /// Exact, or a prefix when it ends in `*`.
    pub action: Option<String>,
    pub from: Option<chrono::NaiveDateTime>,
    pub until: Option<chrono::NaiveDateTime>,
}

/// A page of entries, newest first, and the total.
pub fn list(conn: &mut DbConn, f: &Filter, offset: i64, limit: i64) -> QueryResult<(Vec<Entry>, i64)> {
    let filtered = || {
        let mut q = audit_log::table.into_boxed::<super::DbBackend>();
        if let Some(v) = &f.entity_type {
            q = q.filter(audit_log::entity_type.eq(v.clone()));
        }
        if let Some(v) = &f.entity_id {
            q = q.filter(audit_log::entity_id.eq(v.clone()));
        }
        if let Some(v) = &f.subject_id {
            q = q.filter(audit_log::subject_id.eq(v.clone()));
        }
        if let Some(v) = &f.actor_id {
            q = q.filter(audit_log::actor_id.eq(v.clone()));
        }
        match f.action.as_deref().map(|a| (a, a.strip_suffix('*'))) {
            Some((_, Some(prefix))) => {
                let pattern = format!("{}%", prefix.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                q = q.filter(audit_log::action.like(pattern).escape('\\'));
            }
            Some((exact, None)) => q = q.filter(audit_log::action.eq(exact.to_string())),
            None => {}
        }
        if let Some(t) = f.from {
            q = q.filter(audit_log::at.ge(t));
        }
        if let Some(t) = f.until {
            q = q.filter(audit_log::at.lt(t));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let items =
        filtered().order(audit_log::id.desc()).offset(offset).limit(limit).select(Entry::as_select()).load(conn)?;
    Ok((items, total))
}

/// Entries about one worker (its family, placements, cases included), oldest first.
pub fn for_subject(conn: &mut DbConn, worker_id: &str) -> QueryResult<Vec<Entry>> {
    audit_log::table
        .filter(audit_log::subject_id.eq(worker_id))
        .order(audit_log::id.asc())
        .select(Entry::as_select())
        .load(conn)
}
