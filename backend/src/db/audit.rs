//! The audit log: append-only (the application has no update or delete path, and both databases
//! refuse them by trigger). Every write of the application calls [`record`] inside its own
//! transaction, so a change and its audit entry land together or not at all.

use diesel::prelude::*;
use serde::Serialize;

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
#[diesel(table_name = audit_log)]
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
}

impl Change {
    pub fn new(action: &'static str, entity_type: &'static str, entity_id: Option<&str>) -> Change {
        Change { action, entity_type, entity_id: entity_id.map(str::to_string), before: None, after: None }
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

pub fn record(conn: &mut DbConn, actor: &Actor, change: Change) -> QueryResult<()> {
    let entry = Entry {
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
    };
    diesel::insert_into(audit_log::table).values(&entry).execute(conn).map(drop)
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
