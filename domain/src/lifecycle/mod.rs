//! The membership lifecycle as an enforced procedure: membership statuses, cases and their state
//! machine, checklists, deadlines, arrears, and the SOP printed from them.

pub mod api;
pub mod arrears;
pub mod case;
pub mod deadline;
pub mod sop;
pub mod status;

pub use case::{CaseAction, CaseDetail, CaseKind, CaseState, ChecklistKey, DocumentKind};
pub use deadline::LifecycleSettings;
pub use status::MembershipStatus;
