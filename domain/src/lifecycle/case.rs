//! A case is one procedure for one worker (and family): registration, transfer from a previous
//! membership, deactivation after termination, or a change in the family. Each kind runs the
//! same small state machine; what differs is its checklist (what must be true or on file before
//! a step) and what each step does to the people's membership status. All of it is data here:
//! the server enforces it and the written SOP ([`super::sop`]) is printed from it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::{phk_cover_end, LifecycleSettings};
use super::status::MembershipStatus;
use crate::worker::TerminationReason;
use crate::{Lang, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    Registration,
    Transfer,
    Deactivation,
    FamilyChange,
}

impl CaseKind {
    pub const ALL: [CaseKind; 4] =
        [CaseKind::Registration, CaseKind::Transfer, CaseKind::Deactivation, CaseKind::FamilyChange];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Registration => "registration",
            CaseKind::Transfer => "transfer",
            CaseKind::Deactivation => "deactivation",
            CaseKind::FamilyChange => "family_change",
        }
    }

    pub fn parse(s: &str) -> Option<CaseKind> {
        CaseKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CaseKind::Registration => lang.pick("Pendaftaran", "Registration"),
            CaseKind::Transfer => lang.pick("Pengalihan", "Transfer"),
            CaseKind::Deactivation => lang.pick("Penonaktifan", "Deactivation"),
            CaseKind::FamilyChange => lang.pick("Perubahan keluarga", "Family change"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Data and documents are being collected.
    Open,
    /// Cannot go on until something outside the company happens (see the blocking reasons).
    Blocked,
    /// Sent to BPJS, waiting for the answer.
    Submitted,
    /// BPJS refused it: fix what it says and submit again.
    Rejected,
    /// Done. Terminal.
    Completed,
    /// Abandoned, with a reason. Terminal.
    Cancelled,
}

impl CaseState {
    pub const ALL: [CaseState; 6] = [
        CaseState::Open,
        CaseState::Blocked,
        CaseState::Submitted,
        CaseState::Rejected,
        CaseState::Completed,
        CaseState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Open => "open",
            CaseState::Blocked => "blocked",
            CaseState::Submitted => "submitted",
            CaseState::Rejected => "rejected",
            CaseState::Completed => "completed",
            CaseState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<CaseState> {
        CaseState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, CaseState::Completed | CaseState::Cancelled)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CaseState::Open => lang.pick("Terbuka", "Open"),
            CaseState::Blocked => lang.pick("Tertahan", "Blocked"),
            CaseState::Submitted => lang.pick("Diajukan ke BPJS", "Submitted to BPJS"),
            CaseState::Rejected => lang.pick("Ditolak BPJS", "Rejected by BPJS"),
            CaseState::Completed => lang.pick("Selesai", "Completed"),
            CaseState::Cancelled => lang.pick("Dibatalkan", "Cancelled"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    Block,
    Unblock,
    Submit,
    Accept,
    Reject,
    Cancel,
}

impl CaseAction {
    pub const ALL: [CaseAction; 6] = [
        CaseAction::Block,
        CaseAction::Unblock,
        CaseAction::Submit,
        CaseAction::Accept,
        CaseAction::Reject,
        CaseAction::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseAction::Block => "block",
            CaseAction::Unblock => "unblock",
            CaseAction::Submit => "submit",
            CaseAction::Accept => "accept",
            CaseAction::Reject => "reject",
            CaseAction::Cancel => "cancel",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CaseAction::Block => lang.pick("Tahan", "Block"),
            CaseAction::Unblock => lang.pick("Lanjutkan", "Unblock"),
            CaseAction::Submit => lang.pick("Ajukan ke BPJS", "Submit to BPJS"),
            CaseAction::Accept => lang.pick("Diterima BPJS", "Accepted by BPJS"),
            CaseAction::Reject => lang.pick("Ditolak BPJS", "Rejected by BPJS"),
            CaseAction::Cancel => lang.pick("Batalkan", "Cancel"),
        }
    }

    /// Whether the step must say why (kept on the case and in the audit log).
    pub fn needs_reason(self) -> bool {
        matches!(self, CaseAction::Block | CaseAction::Reject | CaseAction::Cancel)
    }
}

const HR_AND_DIRECTOR: &[Role] = &[Role::Director, Role::Hr];
const INTERNAL: &[Role] = &[Role::Director, Role::Hr, Role::AdminOps];

/// One step of the machine: from which states, to which, by whom.
#[derive(Debug, Clone, Copy)]
pub struct Transition {
    pub action: CaseAction,
    pub from: &'static [CaseState],
    pub to: CaseState,
    pub roles: &'static [Role],
}

/// The machine every case kind runs. Only HR and the director speak to BPJS (submit, record its
/// answer) or drop a case; operational admins collect documents and may hold a case up.
pub const TRANSITIONS: [Transition; 6] = [
    Transition { action: CaseAction::Block, from: &[CaseState::Open], to: CaseState::Blocked, roles: INTERNAL },
    Transition {
        action: CaseAction::Unblock,
        from: &[CaseState::Blocked],
        to: CaseState::Open,
        roles: HR_AND_DIRECTOR,
    },
    Transition {
        action: CaseAction::Submit,
        from: &[CaseState::Open, CaseState::Rejected],
        to: CaseState::Submitted,
        roles: HR_AND_DIRECTOR,
    },
    Transition {
        action: CaseAction::Accept,
        from: &[CaseState::Submitted],
        to: CaseState::Completed,
        roles: HR_AND_DIRECTOR,
    },
    Transition {
        action: CaseAction::Reject,
        from: &[CaseState::Submitted],
        to: CaseState::Rejected,
        roles: HR_AND_DIRECTOR,
    },
    Transition {
        action: CaseAction::Cancel,
        from: &[CaseState::Open, CaseState::Blocked, CaseState::Rejected],
        to: CaseState::Cancelled,
        roles: HR_AND_DIRECTOR,
    },
];

/// Who may work on a case without moving it: tick checklist items, upload documents, write notes,
/// assign and reschedule.
pub const CASE_WORK_ROLES: &[Role] = INTERNAL;

pub fn transition(action: CaseAction) -> &'static Transition {
    // Every action has exactly one row (a unit test holds the table to it).
    TRANSITIONS.iter().find(|t| t.action == action).unwrap_or(&TRANSITIONS[0])
}

/// The actions the machine allows from `state`, whoever asks.
pub fn allowed_actions(state: CaseState) -> Vec<CaseAction> {
    TRANSITIONS.iter().filter(|t| t.from.contains(&state)).map(|t| t.action).collect()
}

/// Where the previous membership of a transferred worker was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PreviousSegment {
    /// Wage earner under another employer (PPU badan usaha lain).
    OtherEmployer,
    /// Self-paying (mandiri / PBPU).
    SelfPaying,
    /// State-subsidised (PBI).
    StateSubsidised,
}

impl PreviousSegment {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PreviousSegment::OtherEmployer => lang.pick("PPU badan usaha lain", "wage earner at another employer"),
            PreviousSegment::SelfPaying => lang.pick("mandiri (PBPU)", "self-paying (PBPU)"),
            PreviousSegment::StateSubsidised => lang.pick("PBI (bantuan iuran)", "state-subsidised (PBI)"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PreviousStatus {
    Active,
    Inactive,
}

impl PreviousStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PreviousStatus::Active => lang.pick("masih aktif", "still active"),
            PreviousStatus::Inactive => lang.pick("sudah nonaktif", "inactive"),
        }
    }
}

/// The membership a transferred worker comes from, as far as HR has found out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PreviousMembership {
    pub segment: PreviousSegment,
    /// Its status there: still active at another employer blocks the transfer.
    pub status: PreviousStatus,
    /// The previous employer's name (for the letter asking it to deactivate).
    #[serde(default)]
    pub employer_name: String,
    /// When to follow up with the previous employer or the worker.
    #[serde(default)]
    pub follow_up_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FamilyChange {
    AddMember,
    RemoveMember,
    KkChange,
    /// A child turns 21: deactivated unless still in formal education.
    #[serde(rename = "child_turns_21")]
    ChildTurns21,
    /// A child turns 25: deactivated.
    #[serde(rename = "child_turns_25")]
    ChildTurns25,
}

impl FamilyChange {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FamilyChange::AddMember => lang.pick("tambah anggota keluarga", "add a family member"),
            FamilyChange::RemoveMember => lang.pick("keluarkan anggota keluarga", "remove a family member"),
            FamilyChange::KkChange => lang.pick("perubahan nomor KK", "family card number change"),
            FamilyChange::ChildTurns21 => lang.pick("anak berusia 21 tahun", "a child turns 21"),
            FamilyChange::ChildTurns25 => lang.pick("anak berusia 25 tahun", "a child turns 25"),
        }
    }
}

/// What a case is about: its kind and the facts the kind needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseDetail {
    Registration,
    Transfer {
        /// Unknown until HR has asked the worker (or checked the card).
        #[serde(default)]
        previous: Option<PreviousMembership>,
    },
    Deactivation {
        reason: TerminationReason,
        termination_date: NaiveDate,
    },
    FamilyChange {
        change: FamilyChange,
        /// The member concerned (none for a KK change of the whole family).
        #[serde(default)]
        member_id: Option<String>,
        /// When the change takes effect (e.g. the child's birthday).
        #[serde(default)]
        effective_date: Option<NaiveDate>,
    },
}

impl CaseDetail {
    pub fn kind(&self) -> CaseKind {
        match self {
            CaseDetail::Registration => CaseKind::Registration,
            CaseDetail::Transfer { .. } => CaseKind::Transfer,
            CaseDetail::Deactivation { .. } => CaseKind::Deactivation,
            CaseDetail::FamilyChange { .. } => CaseKind::FamilyChange,
        }
    }
}

/// The documents a case can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Proof of dismissal: PHK receipt from the labour office, joint agreement or court ruling.
    PhkProof,
    /// Statement of responsibility signed by the company head (SPTJM).
    Sptjm,
    /// List of leavers: name, card number, employee number, phone.
    LeaversList,
    /// Copy of the proof of termination (contract end letter, resignation, death certificate).
    TerminationProof,
    /// Copy of the family card (KK).
    KkCopy,
    /// Statement of leaving the state-subsidised segment (PBI).
    PbiExitStatement,
    /// Proof that a child aged 21-25 is in formal education.
    EducationProof,
    /// Anything else worth keeping with the case.
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::PhkProof,
        DocumentKind::Sptjm,
        DocumentKind::LeaversList,
        DocumentKind::TerminationProof,
        DocumentKind::KkCopy,
        DocumentKind::PbiExitStatement,
        DocumentKind::EducationProof,
        DocumentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::PhkProof => "phk_proof",
            DocumentKind::Sptjm => "sptjm",
            DocumentKind::LeaversList => "leavers_list",
            DocumentKind::TerminationProof => "termination_proof",
            DocumentKind::KkCopy => "kk_copy",
            DocumentKind::PbiExitStatement => "pbi_exit_statement",
            DocumentKind::EducationProof => "education_proof",
            DocumentKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::PhkProof => lang.pick(
                "Bukti PHK (tanda terima Disnaker, perjanjian bersama atau putusan pengadilan)",
                "Proof of dismissal (labour office receipt, joint agreement or court ruling)",
            ),
            DocumentKind::Sptjm => lang.pick(
                "SPTJM ditandatangani pimpinan perusahaan",
                "Statement of responsibility (SPTJM) signed by the company head",
            ),
            DocumentKind::LeaversList => lang.pick(
                "Daftar pekerja keluar (nama, nomor kartu, NIP, nomor HP)",
                "List of leavers (name, card number, employee number, phone)",
            ),
            DocumentKind::TerminationProof => lang.pick(
                "Salinan bukti berhenti bekerja (surat akhir kontrak, pengunduran diri, akta kematian)",
                "Copy of the proof of termination (contract end, resignation, death certificate)",
            ),
            DocumentKind::KkCopy => lang.pick("Salinan Kartu Keluarga", "Copy of the family card (KK)"),
            DocumentKind::PbiExitStatement => {
                lang.pick("Surat keterangan keluar dari PBI", "Statement of leaving the subsidised segment (PBI)")
            }
            DocumentKind::EducationProof => {
                lang.pick("Surat keterangan masih sekolah/kuliah", "Proof of formal education")
            }
            DocumentKind::Other => lang.pick("Dokumen lain", "Other document"),
        }
    }
}

/// One line of a case's checklist. On the wire it is its [`ChecklistKey::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChecklistKey {
    /// The worker's data is complete for BPJS: KK number and primary clinic given, no errors.
    WorkerDataComplete,
    /// Someone confirmed that every family member is entered.
    FamilyComplete,
    /// Where the worker's previous membership was, and its status there, is recorded.
    PreviousMembershipRecorded,
    /// The previous employer was asked (by letter) to deactivate its record.
    PreviousEmployerAsked,
    /// The previous membership is no longer active.
    PreviousMembershipInactive,
    /// No open arrears of the self-paying membership.
    ArrearsCleared,
    /// The card number BPJS issued is recorded.
    CardNumber,
    /// A document of this kind is attached.
    Document(DocumentKind),
}

/// How an item gets done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Tertib checks it from the data.
    Check,
    /// A user ticks it.
    Confirmation,
    /// A file is uploaded.
    Document,
}

impl ChecklistKey {
    pub fn item_kind(self) -> ItemKind {
        match self {
            ChecklistKey::FamilyComplete | ChecklistKey::PreviousEmployerAsked => ItemKind::Confirmation,
            ChecklistKey::Document(_) => ItemKind::Document,
            _ => ItemKind::Check,
        }
    }

    /// A stable name, e.g. `family_complete` or `document:sptjm`.
    pub fn code(self) -> String {
        match self {
            ChecklistKey::WorkerDataComplete => "worker_data_complete".into(),
            ChecklistKey::FamilyComplete => "family_complete".into(),
            ChecklistKey::PreviousMembershipRecorded => "previous_membership_recorded".into(),
            ChecklistKey::PreviousEmployerAsked => "previous_employer_asked".into(),
            ChecklistKey::PreviousMembershipInactive => "previous_membership_inactive".into(),
            ChecklistKey::ArrearsCleared => "arrears_cleared".into(),
            ChecklistKey::CardNumber => "card_number".into(),
            ChecklistKey::Document(kind) => format!("document:{}", kind.as_str()),
        }
    }

    pub fn parse(code: &str) -> Option<ChecklistKey> {
        if let Some(kind) = code.strip_prefix("document:") {
            return DocumentKind::parse(kind).map(ChecklistKey::Document);
        }
        [
            ChecklistKey::WorkerDataComplete,
            ChecklistKey::FamilyComplete,
            ChecklistKey::PreviousMembershipRecorded,
            ChecklistKey::PreviousEmployerAsked,
            ChecklistKey::PreviousMembershipInactive,
            ChecklistKey::ArrearsCleared,
            ChecklistKey::CardNumber,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ChecklistKey::WorkerDataComplete => lang.pick(
                "Data pekerja lengkap dan valid (NIK, KK, faskes tingkat pertama)",
                "Worker's data complete and valid (NIK, KK, primary clinic)",
            ),
            ChecklistKey::FamilyComplete => {
                lang.pick("Semua anggota keluarga sudah dicatat", "Every family member is entered")
            }
            ChecklistKey::PreviousMembershipRecorded => lang.pick(
                "Kepesertaan sebelumnya (segmen dan statusnya) dicatat",
                "Previous membership (segment and status) recorded",
            ),
            ChecklistKey::PreviousEmployerAsked => lang.pick(
                "Badan usaha sebelumnya sudah diminta menonaktifkan (surat)",
                "Previous employer asked (by letter) to deactivate",
            ),
            ChecklistKey::PreviousMembershipInactive => {
                lang.pick("Kepesertaan sebelumnya sudah nonaktif", "Previous membership is inactive")
            }
            ChecklistKey::ArrearsCleared => {
                lang.pick("Tunggakan iuran mandiri sudah lunas", "Self-paying arrears are paid")
            }
            ChecklistKey::CardNumber => lang.pick("Nomor kartu (noka) dari BPJS dicatat", "BPJS card number recorded"),
            ChecklistKey::Document(kind) => kind.label(lang),
        }
    }
}

/// The step a checklist item must be done before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Before the case may go on (a blocker); also needed to submit.
    Unblock,
    /// Before submitting to BPJS.
    Submit,
    /// Before recording BPJS's acceptance.
    Accept,
    /// A task: worth doing, not required by any step.
    Task,
}

impl Stage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Stage::Unblock => lang.pick("penghalang: wajib sebelum dilanjutkan", "blocker: required to go on"),
            Stage::Submit => lang.pick("wajib sebelum diajukan", "required to submit"),
            Stage::Accept => lang.pick("wajib saat diterima", "required on acceptance"),
            Stage::Task => lang.pick("tugas", "task"),
        }
    }

    /// The stages an action needs done.
    fn needed_by(action: CaseAction) -> &'static [Stage] {
        match action {
            CaseAction::Unblock => &[Stage::Unblock],
            CaseAction::Submit => &[Stage::Unblock, Stage::Submit],
            CaseAction::Accept => &[Stage::Accept],
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChecklistItem {
    pub key: ChecklistKey,
    pub stage: Stage,
}

const fn item(key: ChecklistKey, stage: Stage) -> ChecklistItem {
    ChecklistItem { key, stage }
}

fn doc(kind: DocumentKind) -> ChecklistItem {
    item(ChecklistKey::Document(kind), Stage::Submit)
}

/// The checklist of a case, from what it is about.
pub fn checklist(detail: &CaseDetail) -> Vec<ChecklistItem> {
    let register = [
        item(ChecklistKey::WorkerDataComplete, Stage::Submit),
        item(ChecklistKey::FamilyComplete, Stage::Submit),
        item(ChecklistKey::CardNumber, Stage::Accept),
    ];
    match detail {
        CaseDetail::Registration => register.to_vec(),
        CaseDetail::Transfer { previous } => {
            let mut items = vec![item(ChecklistKey::PreviousMembershipRecorded, Stage::Unblock)];
            match previous.as_ref().map(|p| p.segment) {
                Some(PreviousSegment::OtherEmployer) => {
                    items.push(item(ChecklistKey::PreviousEmployerAsked, Stage::Task));
                    items.push(item(ChecklistKey::PreviousMembershipInactive, Stage::Unblock));
                }
                Some(PreviousSegment::SelfPaying) => items.push(item(ChecklistKey::ArrearsCleared, Stage::Unblock)),
                Some(PreviousSegment::StateSubsidised) => items.push(ChecklistItem {
                    key: ChecklistKey::Document(DocumentKind::PbiExitStatement),
                    stage: Stage::Unblock,
                }),
                None => {}
            }
            items.extend(register);
            items
        }
        CaseDetail::Deactivation { reason: TerminationReason::Dismissal, .. } => vec![doc(DocumentKind::PhkProof)],
        CaseDetail::Deactivation { .. } => {
            vec![doc(DocumentKind::Sptjm), doc(DocumentKind::LeaversList), doc(DocumentKind::TerminationProof)]
        }
        CaseDetail::FamilyChange { change, .. } => match change {
            FamilyChange::AddMember | FamilyChange::KkChange => vec![doc(DocumentKind::KkCopy)],
            FamilyChange::RemoveMember | FamilyChange::ChildTurns25 => vec![],
            // Proof of education keeps the child covered (the case is then cancelled with that
            // reason); it is a task, not a condition of deactivating.
            FamilyChange::ChildTurns21 => {
                vec![item(ChecklistKey::Document(DocumentKind::EducationProof), Stage::Task)]
            }
        },
    }
}

/// What Tertib knows about a case's surroundings when an item is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// The worker's data has KK number and clinic and no error findings.
    pub worker_data_complete: bool,
    /// The worker has a card number (or the step brings one).
    pub card_number: bool,
    /// Open arrears that block a transfer from self-paying.
    pub open_self_paying_arrears: bool,
    /// Items ticked by users.
    pub confirmed: Vec<ChecklistKey>,
    /// Kinds of the documents attached.
    pub documents: Vec<DocumentKind>,
}

pub fn is_done(key: ChecklistKey, detail: &CaseDetail, facts: &CaseFacts) -> bool {
    let previous = match detail {
        CaseDetail::Transfer { previous } => previous.as_ref(),
        _ => None,
    };
    match key {
        ChecklistKey::WorkerDataComplete => facts.worker_data_complete,
        ChecklistKey::FamilyComplete | ChecklistKey::PreviousEmployerAsked => facts.confirmed.contains(&key),
        ChecklistKey::PreviousMembershipRecorded => previous.is_some(),
        ChecklistKey::PreviousMembershipInactive => previous.is_some_and(|p| p.status == PreviousStatus::Inactive),
        ChecklistKey::ArrearsCleared => !facts.open_self_paying_arrears,
        ChecklistKey::CardNumber => facts.card_number,
        ChecklistKey::Document(kind) => facts.documents.contains(&kind),
    }
}

/// The items an action still needs, in checklist order.
pub fn missing_for(action: CaseAction, detail: &CaseDetail, facts: &CaseFacts) -> Vec<ChecklistKey> {
    let stages = Stage::needed_by(action);
    checklist(detail)
        .into_iter()
        .filter(|i| stages.contains(&i.stage) && !is_done(i.key, detail, facts))
        .map(|i| i.key)
        .collect()
}

/// Why a step is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepError {
    /// The machine has no such step from the current state; these are the ones it has.
    Illegal { allowed: Vec<CaseAction> },
    /// The caller's role may not take this step.
    Forbidden,
    /// The checklist is not done: these items are missing.
    Incomplete { missing: Vec<ChecklistKey> },
    /// The step needs a reason.
    ReasonRequired,
}

/// Checks one step and answers the state it leads to. `role` is `None` for Tertib itself (a step
/// taken by a rule, such as blocking a transfer when the previous membership is still active).
pub fn step(
    detail: &CaseDetail,
    state: CaseState,
    action: CaseAction,
    role: Option<Role>,
    has_reason: bool,
    facts: &CaseFacts,
) -> Result<CaseState, StepError> {
    let t = transition(action);
    if !t.from.contains(&state) {
        return Err(StepError::Illegal { allowed: allowed_actions(state) });
    }
    if role.is_some_and(|r| !t.roles.contains(&r)) {
        return Err(StepError::Forbidden);
    }
    if action.needs_reason() && !has_reason {
        return Err(StepError::ReasonRequired);
    }
    let missing = missing_for(action, detail, facts);
    if !missing.is_empty() {
        return Err(StepError::Incomplete { missing });
    }
    Ok(t.to)
}

/// A case that is open but has an unmet blocker goes to `blocked` by itself (Tertib's own step);
/// HR unblocks it once the blockers are cleared.
pub fn should_block(detail: &CaseDetail, state: CaseState, facts: &CaseFacts) -> bool {
    state == CaseState::Open && !missing_for(CaseAction::Unblock, detail, facts).is_empty()
}

/// Whom a step's membership change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The worker and every covered family member.
    WorkerAndFamily,
    /// The one family member the case is about.
    Member,
}

/// What a step does to membership: the new status and whom it applies to, or `None`.
pub fn membership_effect(
    detail: &CaseDetail,
    action: CaseAction,
    settings: &LifecycleSettings,
) -> Option<(Subject, MembershipStatus, Option<NaiveDate>)> {
    use MembershipStatus as M;
    let status = match (detail, action) {
        (CaseDetail::Registration | CaseDetail::Transfer { .. }, CaseAction::Submit) => M::RegistrationSubmitted,
        (CaseDetail::Registration | CaseDetail::Transfer { .. }, CaseAction::Accept) => M::Active,
        (CaseDetail::Registration | CaseDetail::Transfer { .. }, CaseAction::Reject | CaseAction::Unblock) => {
            M::NotRegistered
        }
        (CaseDetail::Transfer { previous: Some(p) }, CaseAction::Block)
            if p.segment == PreviousSegment::OtherEmployer && p.status == PreviousStatus::Active =>
        {
            M::ActiveElsewhere
        }
        (CaseDetail::Deactivation { .. }, CaseAction::Submit) => M::DeactivationSubmitted,
        (CaseDetail::Deactivation { reason, termination_date }, CaseAction::Accept) => {
            if *reason == TerminationReason::Dismissal {
                let until = phk_cover_end(*termination_date, settings.phk_cover_months);
                return Some((Subject::WorkerAndFamily, M::PhkCover, Some(until)));
            }
            M::Inactive
        }
        (CaseDetail::Deactivation { .. }, CaseAction::Reject) => M::Active,
        (CaseDetail::FamilyChange { change, .. }, action) => {
            let status = match (change, action) {
                (FamilyChange::AddMember, CaseAction::Submit) => M::RegistrationSubmitted,
                (FamilyChange::AddMember, CaseAction::Accept) => M::Active,
                (FamilyChange::AddMember, CaseAction::Reject) => M::NotRegistered,
                (FamilyChange::KkChange, _) => return None,
                (_, CaseAction::Submit) => M::DeactivationSubmitted,
                (_, CaseAction::Accept) => M::Inactive,
                (_, CaseAction::Reject) => M::Active,
                _ => return None,
            };
            return Some((Subject::Member, status, None));
        }
        _ => return None,
    };
    Some((Subject::WorkerAndFamily, status, None))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, VecDeque};

    use proptest::prelude::*;

    use super::*;

    fn transfer(segment: PreviousSegment, status: PreviousStatus) -> CaseDetail {
        CaseDetail::Transfer {
            previous: Some(PreviousMembership {
                segment,
                status,
                employer_name: "PT Lama".into(),
                follow_up_date: None,
            }),
        }
    }

    fn details() -> Vec<CaseDetail> {
        let day = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap_or_default();
        let mut out = vec![
            CaseDetail::Registration,
            CaseDetail::Transfer { previous: None },
            transfer(PreviousSegment::OtherEmployer, PreviousStatus::Active),
            transfer(PreviousSegment::SelfPaying, PreviousStatus::Inactive),
            transfer(PreviousSegment::StateSubsidised, PreviousStatus::Active),
        ];
        for reason in [TerminationReason::Dismissal, TerminationReason::EndOfContract, TerminationReason::Death] {
            out.push(CaseDetail::Deactivation { reason, termination_date: day });
        }
        for change in [FamilyChange::AddMember, FamilyChange::RemoveMember, FamilyChange::ChildTurns21] {
            out.push(CaseDetail::FamilyChange { change, member_id: Some("m".into()), effective_date: None });
        }
        out
    }

    /// Facts under which every item of the checklist is done.
    fn all_done(detail: &CaseDetail) -> CaseFacts {
        let items = checklist(detail);
        CaseFacts {
            worker_data_complete: true,
            card_number: true,
            open_self_paying_arrears: false,
            confirmed: items.iter().map(|i| i.key).collect(),
            documents: items
                .iter()
                .filter_map(|i| match i.key {
                    ChecklistKey::Document(k) => Some(k),
                    _ => None,
                })
                .collect(),
        }
    }

    #[test]
    fn every_action_has_exactly_one_transition_and_terminal_states_have_none() {
        for action in CaseAction::ALL {
            assert_eq!(TRANSITIONS.iter().filter(|t| t.action == action).count(), 1, "{action:?}");
        }
        for state in CaseState::ALL {
            assert_eq!(allowed_actions(state).is_empty(), state.is_terminal(), "{state:?}");
        }
    }

    #[test]
    fn every_state_is_reachable_for_every_kind() {
        // A transfer whose previous membership is unknown or still active stays blocked until HR
        // records a change in the case's detail, which this walk does not do; every kind still has
        // a variant here that can be cleared.
        let clearable = |d: &CaseDetail| missing_for(CaseAction::Unblock, d, &all_done(d)).is_empty();
        let details: Vec<CaseDetail> = details().into_iter().filter(clearable).collect();
        for kind in CaseKind::ALL {
            assert!(details.iter().any(|d| d.kind() == kind), "{kind:?}");
        }
        for detail in details {
            let facts = all_done(&detail);
            let mut seen = BTreeSet::from([CaseState::Open.as_str()]);
            let mut queue = VecDeque::from([CaseState::Open]);
            while let Some(state) = queue.pop_front() {
                for action in allowed_actions(state) {
                    if let Ok(next) = step(&detail, state, action, Some(Role::Director), true, &facts) {
                        if seen.insert(next.as_str()) {
                            queue.push_back(next);
                        }
                    }
                }
            }
            assert_eq!(seen.len(), CaseState::ALL.len(), "{detail:?} reaches only {seen:?}");
        }
    }

    #[test]
    fn an_illegal_step_lists_the_allowed_ones() {
        let facts = all_done(&CaseDetail::Registration);
        let err = step(&CaseDetail::Registration, CaseState::Open, CaseAction::Accept, None, false, &facts);
        assert_eq!(
            err,
            Err(StepError::Illegal { allowed: vec![CaseAction::Block, CaseAction::Submit, CaseAction::Cancel] })
        );
    }

    #[test]
    fn admin_ops_collect_but_do_not_submit() {
        let facts = all_done(&CaseDetail::Registration);
        let submit =
            step(&CaseDetail::Registration, CaseState::Open, CaseAction::Submit, Some(Role::AdminOps), false, &facts);
        assert_eq!(submit, Err(StepError::Forbidden));
        let block =
            step(&CaseDetail::Registration, CaseState::Open, CaseAction::Block, Some(Role::AdminOps), true, &facts);
        assert_eq!(block, Ok(CaseState::Blocked));
        assert!(CASE_WORK_ROLES.contains(&Role::AdminOps) && !CASE_WORK_ROLES.contains(&Role::Client));
    }

    #[test]
    fn a_deactivation_names_the_documents_its_reason_needs() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let resign = CaseDetail::Deactivation { reason: TerminationReason::Resignation, termination_date: day };
        let mut facts = CaseFacts { documents: vec![DocumentKind::Sptjm], ..CaseFacts::default() };
        assert_eq!(
            step(&resign, CaseState::Open, CaseAction::Submit, Some(Role::Hr), false, &facts),
            Err(StepError::Incomplete {
                missing: vec![
                    ChecklistKey::Document(DocumentKind::LeaversList),
                    ChecklistKey::Document(DocumentKind::TerminationProof)
                ]
            })
        );
        facts.documents.extend([DocumentKind::LeaversList, DocumentKind::TerminationProof]);
        assert_eq!(
            step(&resign, CaseState::Open, CaseAction::Submit, Some(Role::Hr), false, &facts),
            Ok(CaseState::Submitted)
        );

        let dismissal = CaseDetail::Deactivation { reason: TerminationReason::Dismissal, termination_date: day };
        assert_eq!(
            missing_for(CaseAction::Submit, &dismissal, &facts),
            vec![ChecklistKey::Document(DocumentKind::PhkProof)]
        );
        let effect = membership_effect(&dismissal, CaseAction::Accept, &LifecycleSettings::default());
        assert_eq!(
            effect,
            Some((Subject::WorkerAndFamily, MembershipStatus::PhkCover, NaiveDate::from_ymd_opt(2026, 9, 2)))
        );
    }

    #[test]
    fn a_transfer_is_blocked_while_the_previous_employer_keeps_the_worker_active() {
        let active = transfer(PreviousSegment::OtherEmployer, PreviousStatus::Active);
        let facts = CaseFacts {
            worker_data_complete: true,
            confirmed: vec![ChecklistKey::FamilyComplete],
            ..CaseFacts::default()
        };
        assert!(should_block(&active, CaseState::Open, &facts));
        assert_eq!(
            step(&active, CaseState::Blocked, CaseAction::Unblock, Some(Role::Hr), false, &facts),
            Err(StepError::Incomplete { missing: vec![ChecklistKey::PreviousMembershipInactive] })
        );
        let effect = membership_effect(&active, CaseAction::Block, &LifecycleSettings::default());
        assert_eq!(effect, Some((Subject::WorkerAndFamily, MembershipStatus::ActiveElsewhere, None)));
        let inactive = transfer(PreviousSegment::OtherEmployer, PreviousStatus::Inactive);
        assert!(!should_block(&inactive, CaseState::Open, &facts));
        assert_eq!(
            step(&inactive, CaseState::Open, CaseAction::Submit, Some(Role::Hr), false, &facts),
            Ok(CaseState::Submitted)
        );

        let self_paying = transfer(PreviousSegment::SelfPaying, PreviousStatus::Inactive);
        let in_arrears = CaseFacts { open_self_paying_arrears: true, ..facts.clone() };
        assert_eq!(missing_for(CaseAction::Submit, &self_paying, &in_arrears), vec![ChecklistKey::ArrearsCleared]);
        assert!(should_block(&CaseDetail::Transfer { previous: None }, CaseState::Open, &facts));
    }

    #[test]
    fn checklist_codes_round_trip() {
        for detail in details() {
            for i in checklist(&detail) {
                assert_eq!(ChecklistKey::parse(&i.key.code()), Some(i.key));
            }
        }
        assert_eq!(ChecklistKey::parse("document:nothing"), None);
    }

    /// The membership status a case in `state` implies for the people it is about, where the
    /// machine determines it (after a cancel it stays whatever it was).
    fn implied(detail: &CaseDetail, state: CaseState, start: MembershipStatus) -> Option<MembershipStatus> {
        use MembershipStatus as M;
        let removal = matches!(detail, CaseDetail::Deactivation { .. })
            || matches!(detail, CaseDetail::FamilyChange { change, .. } if *change != FamilyChange::AddMember);
        if matches!(detail, CaseDetail::FamilyChange { change: FamilyChange::KkChange, .. }) {
            return Some(start);
        }
        Some(match state {
            CaseState::Cancelled => return None,
            CaseState::Open | CaseState::Blocked => {
                return Some(start).filter(|_| !matches!(detail, CaseDetail::Transfer { .. }))
            }
            CaseState::Submitted if removal => M::DeactivationSubmitted,
            CaseState::Submitted => M::RegistrationSubmitted,
            CaseState::Rejected if removal => M::Active,
            CaseState::Rejected => M::NotRegistered,
            CaseState::Completed => match detail {
                CaseDetail::Deactivation { reason: TerminationReason::Dismissal, .. } => M::PhkCover,
                _ if removal => M::Inactive,
                _ => M::Active,
            },
        })
    }

    fn facts_strategy() -> impl Strategy<Value = CaseFacts> {
        (any::<bool>(), any::<bool>(), any::<bool>(), prop::collection::vec(0usize..8, 0..8), any::<bool>()).prop_map(
            |(data, card, arrears, docs, family)| CaseFacts {
                worker_data_complete: data,
                card_number: card,
                open_self_paying_arrears: arrears,
                confirmed: if family { vec![ChecklistKey::FamilyComplete] } else { vec![] },
                documents: docs.into_iter().map(|i| DocumentKind::ALL[i]).collect(),
            },
        )
    }

    proptest! {
        /// Random steps by random roles with random facts: the state is always one the machine
        /// can be in, terminal states stay terminal, every refusal leaves the state unchanged, and
        /// the membership status follows the state.
        #[test]
        fn random_step_sequences_stay_consistent(
            which in 0usize..11,
            steps in prop::collection::vec((0usize..6, 0usize..4, any::<bool>(), facts_strategy()), 1..40),
        ) {
            let detail = details()[which].clone();
            let start = match detail {
                CaseDetail::Deactivation { .. } => MembershipStatus::Active,
                CaseDetail::FamilyChange { change, .. } if change != FamilyChange::AddMember => MembershipStatus::Active,
                _ => MembershipStatus::NotRegistered,
            };
            let settings = LifecycleSettings::default();
            let (mut state, mut status) = (CaseState::Open, start);
            for (a, r, reason, facts) in steps {
                let (action, role) = (CaseAction::ALL[a], Role::ALL[r]);
                let before = state;
                match step(&detail, state, action, Some(role), reason, &facts) {
                    Ok(next) => {
                        prop_assert!(!before.is_terminal(), "left terminal state {before:?}");
                        prop_assert!(transition(action).roles.contains(&role));
                        state = next;
                        if let Some((_, s, _)) = membership_effect(&detail, action, &settings) {
                            status = s;
                        }
                    }
                    Err(StepError::Illegal { allowed }) => {
                        prop_assert!(!allowed.contains(&action));
                        prop_assert_eq!(allowed, allowed_actions(state));
                    }
                    Err(_) => {}
                }
                if let Some(expected) = implied(&detail, state, start) {
                    prop_assert_eq!(status, expected, "{:?} in {:?}", detail, state);
                }
            }
        }
    }
}
