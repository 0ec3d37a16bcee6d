//! The words of the interface in Bahasa Indonesia (the default) and English.
//!
//! Messages about data (a field's rule, an API error code) are not here: they come from
//! `tertib_domain` (`Finding::message`, `ErrorCode::message`), so the browser and the server use
//! the same sentences.

use chrono::{DateTime, Utc};
use tertib_domain::lifecycle::arrears::ArrearsStatus;
use tertib_domain::lifecycle::case::PreviousStatus;
use tertib_domain::reminders::OfficeZone;
use tertib_domain::Lang;
use wasm_bindgen::JsValue;

/// A fixed piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    Tagline,
    SkipToContent,
    Loading,
    CheckingSession,
    Language,
    MainNavigation,
    NavHome,
    NavUsers,
    NavAccount,
    SignOut,
    SigningOut,
    SignedInAs,
    // Sign-in
    LoginTitle,
    LoginIntro,
    Email,
    Password,
    SignIn,
    SigningIn,
    PasswordRequired,
    ForgotPassword,
    // Home
    HomeIntro,
    YourRole,
    ClientCompany,
    FirstSignIn,
    AccountCardTitle,
    AccountCardBody,
    UsersCardTitle,
    UsersCardBody,
    // Users
    UsersTitle,
    UsersIntro,
    NotAllowedTitle,
    NotAllowedUsers,
    SearchUsers,
    ColUser,
    ColRole,
    ColLastLogin,
    ColStatus,
    ColActions,
    Active,
    Disabled,
    Never,
    Edit,
    NoUserMatches,
    TryAgain,
    CreateTitle,
    Name,
    Optional,
    InitialPassword,
    InitialPasswordHint,
    Role,
    UserLanguage,
    ClientCompanyId,
    ClientCompanyIdHint,
    CreateUser,
    Saving,
    EditTitle,
    Save,
    Close,
    DisableUser,
    DisableUserHint,
    EditingSelf,
    ResetPasswordTitle,
    ResetPasswordHint,
    NewPassword,
    ResetPassword,
    ChangesSaved,
    PasswordWasReset,
    NothingChanged,
    You,
    // Account
    AccountTitle,
    ProfileTitle,
    AppLanguage,
    ProfileSaved,
    ChangePasswordTitle,
    ChangePasswordHint,
    CurrentPassword,
    RepeatNewPassword,
    NewPasswordHint,
    PasswordsDiffer,
    ChangePassword,
    PasswordChanged,
    AccountDetails,
    MemberSince,
    // Worker registry
    NavWorkers,
    DateHint,
    NavCompanies,
    WorkersTitle,
    WorkersIntro,
    SearchWorkers,
    AllCompanies,
    AllMembership,
    AllEmployment,
    MembershipStatus,
    ColName,
    ColNik,
    ColEmployment,
    ColHireDate,
    NoWorkerMatches,
    PrevPage,
    NextPage,
    Pagination,
    AddWorker,
    NewWorkerTitle,
    NewWorkerIntro,
    SectionIdentity,
    SectionAddress,
    SectionEmployment,
    SectionBpjs,
    Nik,
    NikHint,
    KkNumber,
    FullName,
    BirthPlace,
    BirthDate,
    Gender,
    MaritalStatus,
    Citizenship,
    Wni,
    Wna,
    Address,
    DistrictCode,
    DistrictCodeHint,
    VillageCode,
    Phone,
    EmployeeNumber,
    Position,
    EmploymentStatus,
    HireDate,
    WageBase,
    WageInvalid,
    Noka,
    FaskesCode,
    NoCompany,
    Choose,
    SaveWorker,
    NikEncodes,
    NikRegion,
    NikTypeMore,
    NikNotDigits,
    Warning,
    Warnings,
    WarningsNote,
    FixErrors,
    NotAllowedRegistry,
    NotAllowedWorkers,
    WorkerData,
    IdentityMasked,
    Family,
    AddFamilyMember,
    Relation,
    InFormalEducation,
    EducationUntil,
    FamilyKkHint,
    Coverage,
    Covered,
    Extra,
    NotCovered,
    NoFamily,
    MemberAdded,
    Placements,
    AddPlacement,
    PlacementHint,
    StartDate,
    EndDate,
    Current,
    NoPlacements,
    PlacementAdded,
    Add,
    BackToWorkers,
    CompaniesTitle,
    CompaniesIntro,
    Code,
    CodeHint,
    CompanyName,
    ContactEmails,
    ContactEmailsHint,
    MinimumWage,
    RegencyCode,
    RegencyCodeHint,
    CreateCompany,
    NoCompanies,
    CompanyCreated,
    // Changing records
    EditWorker,
    SaveChanges,
    Cancel,
    EscapeCancels,
    ReloadLatest,
    EditFamilyMember,
    MemberSaved,
    Remove,
    ConfirmRemove,
    RemoveMemberHint,
    MemberRemoved,
    EditCompany,
    CompanyActive,
    KkHistory,
    ValidFrom,
    RecordedAt,
    RecordedBy,
    NoKkHistory,
    SortBy,
    SortNameAsc,
    SortNameDesc,
    SortHireNewest,
    SortHireOldest,
    SortAddedNewest,
    SortAddedOldest,
    Inactive,
    // Membership lifecycle
    NavCases,
    NavSop,
    CasesTitle,
    CasesIntro,
    AllCases,
    MyTasks,
    Unfinished,
    AnyState,
    CaseKindLabel,
    AllKinds,
    OnlyOverdue,
    NoCases,
    ColCase,
    ColWorker,
    DueDate,
    Overdue,
    Assignee,
    CaseTitle,
    BackToCases,
    CaseSummaryTitle,
    FamilyMember,
    TerminationReasonLabel,
    TerminationDate,
    FamilyChangeLabel,
    EffectiveDate,
    OpenedBy,
    ClosedAt,
    BlockingReasons,
    Steps,
    NoSteps,
    NoStepsLeft,
    AllowedNow,
    StillMissing,
    Reason,
    ReasonHint,
    NokaHint,
    Checklist,
    NoChecklist,
    Tick,
    Untick,
    CheckedByTertib,
    Done,
    NotDone,
    Documents,
    DocumentKindLabel,
    FileName,
    Size,
    UploadedBy,
    NoDocuments,
    OtherUpload,
    UploadFile,
    Uploading,
    Download,
    Notes,
    NoNotes,
    AddNote,
    History,
    ShowReadings,
    NoHistory,
    TertibItself,
    ReasonLabel,
    Until,
    EvidenceLabel,
    PreviousMembership,
    PreviousHint,
    PreviousSegment,
    PreviousStatusLabel,
    PreviousEmployer,
    FollowUpDate,
    SavePrevious,
    Handling,
    Unassigned,
    AssignToMe,
    Unassign,
    AssignTo,
    Assign,
    ChangeDue,
    MembershipAndCases,
    NoWorkerCases,
    MembershipHistory,
    Person,
    Since,
    UntilCol,
    RecordTermination,
    BeforeHire,
    TerminationHint,
    DeactivationOpened,
    OpenDeactivationCase,
    RegistrationCancelled,
    OpenCancelledCase,
    Terminated,
    Arrears,
    ArrearsIntro,
    NoArrears,
    Source,
    Months,
    Amount,
    ServiceFine,
    Evidence,
    Note,
    AddArrears,
    ArrearsAdded,
    ArrearsSettled,
    MarkPaid,
    MarkWaived,
    TheWorker,
    MonthsInvalid,
    AmountInvalid,
    SopTitle,
    SopIntro,
    SettingsTitle,
    CutoffDay,
    CutoffHint,
    PhkCoverMonths,
    PhkCoverHint,
    AgeingNoticeDays,
    AgeingHint,
    MaxDocumentBytes,
    MaxDocumentHint,
    SaveSettings,
    SettingsSaved,
    OutOfRange,
    NotANumber,
    // Reminders, the portal, API clients, import
    NavPortal,
    NavImport,
    NavReminders,
    RemindersTitle,
    RemindersIntro,
    RemindersIntroHr,
    RemindersCardBody,
    ReminderSettingsTitle,
    DigestTime,
    DigestTimeHint,
    DigestTimeInvalid,
    TimeZone,
    IncludeHr,
    IncludeHrHint,
    SkipEmpty,
    AlertDays,
    AlertDaysHint,
    MonthlyReminderDay,
    MonthlyReminderHint,
    MaxAttempts,
    MaxAttemptsHint,
    ReminderSettingsSaved,
    DigestTitle,
    DigestIntro,
    PreviewDigest,
    SendDigestNow,
    DigestQueued,
    Subject,
    DigestWouldSkip,
    DigestHtmlPart,
    DigestTextPart,
    OutboxTitle,
    SmtpMissing,
    AllMail,
    Refresh,
    QueuedAt,
    MailKind,
    Recipient,
    Attempts,
    NoMail,
    SentAt,
    NextAttempt,
    Resend,
    PortalTitle,
    PortalIntro,
    NotAllowedPortal,
    TotalsByStatus,
    AllWorkers,
    AllStatuses,
    SearchPortal,
    PlacedFrom,
    PlacedUntil,
    StatusSince,
    LastChange,
    ExportCsv,
    ApiClients,
    ApiClientsIntro,
    NoApiClients,
    ClientId,
    ClientSecret,
    RateLimit,
    RateLimitHint,
    CreatedAt,
    LastUsed,
    Revoke,
    ConfirmRevoke,
    RevokeHint,
    NewApiClient,
    ApiClientName,
    ApiClientNameHint,
    CreateApiClient,
    SecretOnce,
    CopySecret,
    Copied,
    CopyByHand,
    SecretSaved,
    Webhook,
    WebhookIntro,
    WebhookUrl,
    WebhookUrlHint,
    WebhookEnabled,
    SaveWebhook,
    RotateSecret,
    WebhookSecret,
    WebhookSecretOnce,
    WebhookDeliveries,
    NoDeliveries,
    LastError,
    ImportTitle,
    ImportIntro,
    ImportCardBody,
    DownloadTemplate,
    DownloadTemplateXlsx,
    DropHere,
    OrPickFile,
    ImportFileHint,
    ReadingFile,
    FileUnreadable,
    NotUtf8,
    XlsNotSupported,
    SheetLabel,
    SheetHint,
    EdabuRecognised,
    ImportModeLabel,
    AllOrNothing,
    AllOrNothingHint,
    OnlyValidRows,
    OnlyValidRowsHint,
    CheckFile,
    Checking,
    ImportNow,
    Importing,
    CheckFirst,
    DownloadWithErrors,
    CheckResult,
    ImportResult,
    FileReady,
    FileHasErrors,
    ImportDone,
    ImportRefused,
    RowsTotal,
    RowsValid,
    WouldCreate,
    WouldUpdate,
    CreatedCount,
    UpdatedCount,
    UnchangedCount,
    ErrorCount,
    WarningWord,
    FileContent,
    OnlyMarkedRows,
    Row,
    Messages,
    NoRows,
    // e-Dabu batches and exports
    NavEdabu,
    EdabuTitle,
    EdabuIntro,
    NewBatchTitle,
    BatchKindLabel,
    DueMonth,
    DueMonthHint,
    PreviewBatch,
    Previewing,
    CreateBatch,
    CreatingBatch,
    BatchCreated,
    PickedCases,
    LeftOutCases,
    NoCasesPicked,
    FormRows,
    BatchesTitle,
    NoBatches,
    CaseCount,
    Accepted,
    Rejected,
    ShowBatch,
    BatchRowsTitle,
    EdabuResult,
    UploadResults,
    UploadResultsHint,
    ResultsApplied,
    ResultsRefused,
    Column,
    ExportXlsx,
    Exported,
    // Errors and fallbacks
    NetworkError,
    NotFoundTitle,
    NotFoundBody,
    BackHome,
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            T::Tagline => {
                ("Kepesertaan BPJS Kesehatan pekerja alih daya", "BPJS Kesehatan membership of outsourced workers")
            }
            T::SkipToContent => ("Lewati ke konten utama", "Skip to main content"),
            T::Loading => ("Memuat…", "Loading…"),
            T::CheckingSession => ("Memeriksa sesi…", "Checking your session…"),
            T::Language => ("Bahasa", "Language"),
            T::MainNavigation => ("Navigasi utama", "Main navigation"),
            T::NavHome => ("Beranda", "Home"),
            T::NavUsers => ("Pengguna", "Users"),
            T::NavAccount => ("Akun saya", "My account"),
            T::SignOut => ("Keluar", "Sign out"),
            T::SigningOut => ("Sedang keluar…", "Signing out…"),
            T::SignedInAs => ("Masuk sebagai", "Signed in as"),
            T::LoginTitle => ("Masuk ke Tertib", "Sign in to Tertib"),
            T::LoginIntro => {
                ("Gunakan email dan kata sandi akun kantor Anda.", "Use the email and password of your office account.")
            }
            T::Email => ("Email", "Email"),
            T::Password => ("Kata sandi", "Password"),
            T::SignIn => ("Masuk", "Sign in"),
            T::SigningIn => ("Sedang masuk…", "Signing in…"),
            T::PasswordRequired => ("Kata sandi wajib diisi.", "The password is required."),
            T::ForgotPassword => (
                "Lupa kata sandi? Minta direktur untuk mengatur ulang kata sandi Anda.",
                "Forgot your password? Ask a director to reset it.",
            ),
            T::HomeIntro => (
                "Tertib mencatat kepesertaan BPJS Kesehatan pekerja alih daya beserta keluarganya.",
                "Tertib keeps the BPJS Kesehatan membership of outsourced workers and their families.",
            ),
            T::YourRole => ("Peran", "Role"),
            T::ClientCompany => ("Perusahaan klien", "Client company"),
            T::FirstSignIn => ("Ini kali pertama Anda masuk.", "This is your first sign-in."),
            T::AccountCardTitle => ("Akun saya", "My account"),
            T::AccountCardBody => {
                ("Ubah nama, bahasa, dan kata sandi Anda.", "Change your name, language and password.")
            }
            T::UsersCardTitle => ("Kelola pengguna", "Manage users"),
            T::UsersCardBody => (
                "Tambah pengguna, atur peran, nonaktifkan akun, atur ulang kata sandi.",
                "Add users, set roles, disable accounts, reset passwords.",
            ),
            T::UsersTitle => ("Pengguna", "Users"),
            T::UsersIntro => (
                "Siapa saja yang dapat masuk ke Tertib, dan dengan peran apa.",
                "Who can sign in to Tertib, and in which role.",
            ),
            T::NotAllowedTitle => ("Tidak diizinkan", "Not allowed"),
            T::NotAllowedUsers => (
                "Halaman ini hanya untuk direktur. Minta direktur bila Anda memerlukan perubahan pada pengguna.",
                "This page is for directors only. Ask a director if a user needs to be changed.",
            ),
            T::SearchUsers => ("Cari nama atau email", "Search name or email"),
            T::ColUser => ("Pengguna", "User"),
            T::ColRole => ("Peran", "Role"),
            T::ColLastLogin => ("Terakhir masuk", "Last sign-in"),
            T::ColStatus => ("Status", "Status"),
            T::ColActions => ("Tindakan", "Actions"),
            T::Active => ("Aktif", "Active"),
            T::Disabled => ("Nonaktif", "Disabled"),
            T::Never => ("Belum pernah", "Never"),
            T::Edit => ("Ubah", "Edit"),
            T::NoUserMatches => ("Tidak ada pengguna yang cocok.", "No user matches."),
            T::TryAgain => ("Coba lagi", "Try again"),
            T::CreateTitle => ("Tambah pengguna", "Add a user"),
            T::Name => ("Nama", "Name"),
            T::Optional => ("Opsional.", "Optional."),
            T::InitialPassword => ("Kata sandi awal", "Initial password"),
            T::InitialPasswordHint => (
                "Minimal 10 karakter. Sampaikan langsung kepada pengguna, lalu minta ia menggantinya.",
                "At least 10 characters. Hand it to the user in person and ask them to change it.",
            ),
            T::Role => ("Peran", "Role"),
            T::UserLanguage => ("Bahasa pengguna", "User's language"),
            T::ClientCompanyId => ("ID perusahaan klien", "Client company ID"),
            T::ClientCompanyIdHint => (
                "Wajib untuk peran Perusahaan klien; kosongkan untuk staf.",
                "Required for the Client company role; leave empty for staff.",
            ),
            T::CreateUser => ("Tambahkan pengguna", "Add user"),
            T::Saving => ("Menyimpan…", "Saving…"),
            T::EditTitle => ("Ubah pengguna", "Edit user"),
            T::Save => ("Simpan", "Save"),
            T::Close => ("Tutup", "Close"),
            T::DisableUser => ("Nonaktifkan pengguna ini", "Disable this user"),
            T::DisableUserHint => (
                "Pengguna nonaktif tidak dapat masuk; sesinya langsung berakhir.",
                "A disabled user cannot sign in; their sessions end at once.",
            ),
            T::EditingSelf => (
                "Ini akun Anda sendiri: mengubah peran atau menonaktifkannya akan mengakhiri sesi Anda.",
                "This is your own account: changing its role or disabling it ends your session.",
            ),
            T::ResetPasswordTitle => ("Atur ulang kata sandi", "Reset the password"),
            T::ResetPasswordHint => (
                "Semua sesi pengguna ini akan berakhir; ia masuk lagi dengan kata sandi baru.",
                "All of this user's sessions end; they sign in again with the new password.",
            ),
            T::NewPassword => ("Kata sandi baru", "New password"),
            T::ResetPassword => ("Atur ulang kata sandi", "Reset password"),
            T::ChangesSaved => ("Perubahan disimpan.", "Changes saved."),
            T::PasswordWasReset => ("Kata sandi telah diatur ulang.", "The password has been reset."),
            T::NothingChanged => ("Tidak ada yang diubah.", "Nothing was changed."),
            T::You => ("Anda", "you"),
            T::AccountTitle => ("Akun saya", "My account"),
            T::ProfileTitle => ("Profil", "Profile"),
            T::AppLanguage => ("Bahasa aplikasi dan email", "Language of the app and emails"),
            T::ProfileSaved => ("Profil disimpan.", "Profile saved."),
            T::ChangePasswordTitle => ("Ubah kata sandi", "Change password"),
            T::ChangePasswordHint => {
                ("Sesi Anda di perangkat lain akan berakhir.", "Your sessions on other devices will end.")
            }
            T::CurrentPassword => ("Kata sandi saat ini", "Current password"),
            T::NewPasswordHint => (
                "Minimal 10 karakter. Frasa yang panjang lebih aman daripada simbol yang rumit.",
                "At least 10 characters. A long phrase is safer than complicated symbols.",
            ),
            T::RepeatNewPassword => ("Ulangi kata sandi baru", "Repeat the new password"),
            T::PasswordsDiffer => ("Kedua kata sandi baru tidak sama.", "The two new passwords differ."),
            T::ChangePassword => ("Ubah kata sandi", "Change password"),
            T::PasswordChanged => (
                "Kata sandi diubah. Sesi di perangkat lain telah diakhiri.",
                "Password changed. Your sessions on other devices have ended.",
            ),
            T::AccountDetails => ("Rincian akun", "Account details"),
            T::MemberSince => ("Terdaftar sejak", "Member since"),
            T::DateHint => ("Format: HH/BB/TTTT, mis. 17/08/1990", "Format: DD/MM/YYYY, e.g. 17/08/1990"),
            T::NavWorkers => ("Pekerja", "Workers"),
            T::NavCompanies => ("Perusahaan klien", "Client companies"),
            T::WorkersTitle => ("Pekerja", "Workers"),
            T::WorkersIntro => (
                "Cari pekerja menurut nama, NIK, nomor kartu BPJS atau NIP.",
                "Find workers by name, NIK, BPJS card number or employee number.",
            ),
            T::SearchWorkers => ("Cari nama, NIK, noka, NIP…", "Search name, NIK, card no., employee no.…"),
            T::AllCompanies => ("Semua perusahaan klien", "All client companies"),
            T::AllMembership => ("Semua status kepesertaan", "All membership statuses"),
            T::AllEmployment => ("Semua status kerja", "All employment statuses"),
            T::MembershipStatus => ("Status kepesertaan", "Membership status"),
            T::ColName => ("Nama", "Name"),
            T::ColNik => ("NIK", "NIK"),
            T::ColEmployment => ("Status kerja", "Employment"),
            T::ColHireDate => ("TMT kerja", "Hire date"),
            T::NoWorkerMatches => ("Tidak ada pekerja yang cocok.", "No worker matches."),
            T::PrevPage => ("Sebelumnya", "Previous"),
            T::NextPage => ("Berikutnya", "Next"),
            T::Pagination => ("Halaman daftar", "List pages"),
            T::AddWorker => ("Tambah pekerja", "Add worker"),
            T::NewWorkerTitle => ("Pekerja baru", "New worker"),
            T::NewWorkerIntro => (
                "Data diperiksa saat diketik, dengan aturan yang sama seperti di server.",
                "Data is checked as you type, with the same rules as the server.",
            ),
            T::SectionIdentity => ("Identitas", "Identity"),
            T::SectionAddress => ("Alamat dan kontak", "Address and contact"),
            T::SectionEmployment => ("Pekerjaan", "Employment"),
            T::SectionBpjs => ("BPJS Kesehatan", "BPJS Kesehatan"),
            T::Nik => ("NIK", "NIK"),
            T::NikHint => ("16 angka dari KTP atau KK.", "16 digits from the ID card or family card."),
            T::KkNumber => ("Nomor KK", "Family card (KK) number"),
            T::FullName => ("Nama lengkap", "Full name"),
            T::BirthPlace => ("Tempat lahir", "Place of birth"),
            T::BirthDate => ("Tanggal lahir", "Date of birth"),
            T::Gender => ("Jenis kelamin", "Gender"),
            T::MaritalStatus => ("Status perkawinan", "Marital status"),
            T::Citizenship => ("Kewarganegaraan", "Citizenship"),
            T::Wni => ("WNI", "Indonesian (WNI)"),
            T::Wna => ("WNA", "Foreigner (WNA)"),
            T::Address => ("Alamat", "Address"),
            T::DistrictCode => ("Kode kecamatan", "District code"),
            T::DistrictCodeHint => ("Contoh: 31.74.05", "E.g. 31.74.05"),
            T::VillageCode => ("Kode desa/kelurahan", "Village code"),
            T::Phone => ("Telepon", "Phone"),
            T::EmployeeNumber => ("NIP", "Employee number (NIP)"),
            T::Position => ("Jabatan", "Position"),
            T::EmploymentStatus => ("Status kerja", "Employment status"),
            T::HireDate => ("TMT kerja", "Hire date"),
            T::WageBase => ("Upah (gaji pokok + tunjangan tetap, Rp)", "Wage (basic + fixed allowances, Rp)"),
            T::WageInvalid => ("Tulis upah sebagai angka Rupiah tanpa desimal.", "Write the wage as whole Rupiah."),
            T::Noka => ("Nomor kartu BPJS (noka)", "BPJS card number (noka)"),
            T::FaskesCode => ("Kode faskes tingkat I", "Primary clinic code (faskes)"),
            T::NoCompany => ("— Belum ditempatkan —", "— Not placed —"),
            T::Choose => ("— Pilih —", "— Choose —"),
            T::SaveWorker => ("Simpan pekerja", "Save worker"),
            T::NikEncodes => ("Isi NIK", "What the NIK says"),
            T::NikRegion => ("Wilayah", "Region"),
            T::NikTypeMore => ("Ketik 16 angka NIK.", "Type the 16 digits of the NIK."),
            T::NikNotDigits => ("NIK hanya berisi angka.", "A NIK has digits only."),
            T::Warning => ("Peringatan", "Warning"),
            T::Warnings => ("Peringatan", "Warnings"),
            T::WarningsNote => (
                "Peringatan tidak menghalangi penyimpanan dan disimpan bersama data.",
                "Warnings do not block saving and are kept with the record.",
            ),
            T::FixErrors => ("Perbaiki isian yang ditandai sebelum menyimpan.", "Fix the marked fields before saving."),
            T::NotAllowedRegistry => {
                ("Halaman ini hanya untuk direktur dan HR.", "This page is for directors and HR only.")
            }
            T::NotAllowedWorkers => ("Halaman ini hanya untuk staf internal.", "This page is for internal staff only."),
            T::WorkerData => ("Data pekerja", "Worker data"),
            T::IdentityMasked => ("NIK dan KK disamarkan untuk peran Anda.", "NIK and KK are masked for your role."),
            T::Family => ("Keluarga", "Family"),
            T::AddFamilyMember => ("Tambah anggota keluarga", "Add family member"),
            T::Relation => ("Hubungan", "Relation"),
            T::InFormalEducation => ("Masih sekolah/kuliah (pendidikan formal)", "Still in formal education"),
            T::EducationUntil => ("Pendidikan sampai", "Education until"),
            T::FamilyKkHint => ("Kosongkan bila sama dengan KK pekerja.", "Leave empty when it is the worker's KK."),
            T::Coverage => ("Tanggungan", "Coverage"),
            T::Covered => ("ditanggung", "covered"),
            T::Extra => ("tambahan (+1%)", "extra (+1%)"),
            T::NotCovered => ("tidak ditanggung", "not covered"),
            T::NoFamily => ("Belum ada anggota keluarga.", "No family members yet."),
            T::MemberAdded => ("Anggota keluarga ditambahkan.", "Family member added."),
            T::Placements => ("Riwayat penempatan", "Placement history"),
            T::AddPlacement => ("Tambah penempatan", "Add placement"),
            T::PlacementHint => (
                "Penempatan saat ini berakhir sehari sebelum tanggal mulai.",
                "The current placement ends the day before the start date.",
            ),
            T::StartDate => ("Mulai", "Start date"),
            T::EndDate => ("Selesai", "End date"),
            T::Current => ("saat ini", "current"),
            T::NoPlacements => ("Belum ada penempatan.", "No placements yet."),
            T::PlacementAdded => ("Penempatan ditambahkan.", "Placement added."),
            T::Add => ("Tambah", "Add"),
            T::BackToWorkers => ("Kembali ke daftar pekerja", "Back to the worker list"),
            T::CompaniesTitle => ("Perusahaan klien", "Client companies"),
            T::CompaniesIntro => ("Perusahaan tempat pekerja ditempatkan.", "The companies workers are placed with."),
            T::Code => ("Kode", "Code"),
            T::CodeHint => (
                "1-20 huruf, angka, -, _ atau .; dipakai saat impor.",
                "1-20 letters, digits, -, _ or .; used in imports.",
            ),
            T::CompanyName => ("Nama perusahaan", "Company name"),
            T::ContactEmails => ("Email kontak", "Contact emails"),
            T::ContactEmailsHint => ("Pisahkan dengan koma.", "Separate with commas."),
            T::MinimumWage => ("UMK (Rp)", "Regional minimum wage (Rp)"),
            T::RegencyCode => ("Kode kabupaten/kota", "Regency/city code"),
            T::RegencyCodeHint => ("Contoh: 32.75", "E.g. 32.75"),
            T::CreateCompany => ("Tambah perusahaan klien", "Add client company"),
            T::NoCompanies => ("Belum ada perusahaan klien.", "No client companies yet."),
            T::CompanyCreated => ("Perusahaan klien ditambahkan.", "Client company added."),
            T::EditWorker => ("Ubah data pekerja", "Edit worker data"),
            T::SaveChanges => ("Simpan perubahan", "Save changes"),
            T::Cancel => ("Batal", "Cancel"),
            T::EscapeCancels => ("Tekan Esc untuk membatalkan.", "Press Esc to cancel."),
            T::ReloadLatest => ("Muat ulang data terbaru", "Reload the latest data"),
            T::EditFamilyMember => ("Ubah anggota keluarga", "Edit family member"),
            T::MemberSaved => ("Data anggota keluarga disimpan.", "Family member saved."),
            T::Remove => ("Hapus", "Remove"),
            T::ConfirmRemove => ("Ya, hapus", "Yes, remove"),
            T::RemoveMemberHint => (
                "Datanya tetap disimpan sebagai riwayat; tanggungan anggota lain dihitung ulang.",
                "The record is kept as history; the others' coverage is worked out again.",
            ),
            T::MemberRemoved => ("Anggota keluarga dihapus dari keluarga.", "Family member removed from the family."),
            T::EditCompany => ("Ubah perusahaan klien", "Edit client company"),
            T::CompanyActive => ("Aktif (dapat menerima penempatan baru)", "Active (takes new placements)"),
            T::KkHistory => ("Riwayat nomor KK", "Family card (KK) history"),
            T::ValidFrom => ("Berlaku sejak", "Valid from"),
            T::RecordedAt => ("Dicatat pada", "Recorded at"),
            T::RecordedBy => ("Dicatat oleh", "Recorded by"),
            T::NoKkHistory => ("Belum ada nomor KK yang tercatat.", "No KK number recorded yet."),
            T::SortBy => ("Urutkan", "Sort by"),
            T::SortNameAsc => ("Nama (A–Z)", "Name (A–Z)"),
            T::SortNameDesc => ("Nama (Z–A)", "Name (Z–A)"),
            T::SortHireNewest => ("Mulai kerja (terbaru)", "Hire date (newest)"),
            T::SortHireOldest => ("Mulai kerja (terlama)", "Hire date (oldest)"),
            T::SortAddedNewest => ("Terakhir didaftarkan", "Added last"),
            T::SortAddedOldest => ("Pertama didaftarkan", "Added first"),
            T::Inactive => ("Nonaktif", "Inactive"),
            T::NavCases => ("Kasus", "Cases"),
            T::NavSop => ("SOP", "SOP"),
            T::CasesTitle => ("Papan kasus", "Case board"),
            T::CasesIntro => ("Pendaftaran, pengalihan, penonaktifan dan perubahan keluarga yang sedang berjalan, yang paling mendesak di atas.", "Registrations, transfers, deactivations and family changes under way, the most urgent first."),
            T::AllCases => ("Semua kasus", "All cases"),
            T::MyTasks => ("Tugas saya", "My tasks"),
            T::Unfinished => ("Belum selesai", "Not finished"),
            T::AnyState => ("Semua status", "Any state"),
            T::CaseKindLabel => ("Jenis kasus", "Case kind"),
            T::AllKinds => ("Semua jenis kasus", "All case kinds"),
            T::OnlyOverdue => ("Hanya yang lewat tenggat", "Overdue only"),
            T::NoCases => ("Tidak ada kasus yang cocok.", "No case matches."),
            T::ColCase => ("Kasus", "Case"),
            T::ColWorker => ("Pekerja", "Worker"),
            T::DueDate => ("Tenggat", "Due date"),
            T::Overdue => ("lewat tenggat", "overdue"),
            T::Assignee => ("Petugas", "Assignee"),
            T::CaseTitle => ("Kasus", "Case"),
            T::BackToCases => ("Kembali ke papan kasus", "Back to the case board"),
            T::CaseSummaryTitle => ("Ringkasan kasus", "Case summary"),
            T::FamilyMember => ("Anggota keluarga", "Family member"),
            T::TerminationReasonLabel => ("Alasan berhenti bekerja", "Reason for leaving"),
            T::TerminationDate => ("Hari terakhir kerja", "Last day of work"),
            T::FamilyChangeLabel => ("Perubahan", "Change"),
            T::EffectiveDate => ("Berlaku", "Takes effect"),
            T::OpenedBy => ("Dibuka oleh", "Opened by"),
            T::ClosedAt => ("Ditutup pada", "Closed at"),
            T::BlockingReasons => ("Yang menahan kasus ini:", "What holds this case up:"),
            T::Steps => ("Langkah", "Steps"),
            T::NoSteps => ("Tidak ada langkah yang dapat Anda lakukan pada kasus ini sekarang.", "There is no step you may take on this case now."),
            T::NoStepsLeft => ("Kasus sudah ditutup; tidak ada langkah lagi.", "The case is closed; no steps are left."),
            T::AllowedNow => ("Langkah yang bisa dilakukan sekarang:", "Steps possible now:"),
            T::StillMissing => ("Yang masih kurang:", "Still missing:"),
            T::Reason => ("Alasan", "Reason"),
            T::ReasonHint => ("Disimpan pada kasus dan di riwayat.", "Kept with the case and in its history."),
            T::NokaHint => ("13 angka nomor kartu yang diterbitkan BPJS, termasuk angka 0 di depan.", "The 13 digits of the card number BPJS issued, leading zeros included."),
            T::Checklist => ("Daftar periksa", "Checklist"),
            T::NoChecklist => ("Kasus ini tidak memiliki daftar periksa.", "This case has no checklist."),
            T::Tick => ("Tandai selesai", "Mark done"),
            T::Untick => ("Batalkan tanda", "Unmark"),
            T::CheckedByTertib => ("Diperiksa Tertib dari data.", "Tertib checks this from the data."),
            T::Done => ("sudah", "done"),
            T::NotDone => ("belum", "not yet"),
            T::Documents => ("Dokumen", "Documents"),
            T::DocumentKindLabel => ("Jenis dokumen", "Document kind"),
            T::FileName => ("Berkas", "File"),
            T::Size => ("Ukuran", "Size"),
            T::UploadedBy => ("Diunggah oleh", "Uploaded by"),
            T::NoDocuments => ("Belum ada dokumen.", "No documents yet."),
            T::OtherUpload => ("Unggah dokumen lain", "Upload another document"),
            T::UploadFile => ("Unggah berkas (PDF, JPEG atau PNG)", "Upload a file (PDF, JPEG or PNG)"),
            T::Uploading => ("Mengunggah…", "Uploading…"),
            T::Download => ("Unduh", "Download"),
            T::Notes => ("Catatan", "Notes"),
            T::NoNotes => ("Belum ada catatan.", "No notes yet."),
            T::AddNote => ("Tambah catatan", "Add note"),
            T::History => ("Riwayat", "History"),
            T::ShowReadings => ("Tampilkan juga pembacaan data (NIK/KK, dokumen)", "Also show readings (NIK/KK, documents)"),
            T::NoHistory => ("Belum ada riwayat.", "No history yet."),
            T::TertibItself => ("Tertib (otomatis)", "Tertib (automatic)"),
            T::ReasonLabel => ("Alasan:", "Reason:"),
            T::Until => ("sampai", "until"),
            T::EvidenceLabel => ("Bukti:", "Evidence:"),
            T::PreviousMembership => ("Kepesertaan sebelumnya", "Previous membership"),
            T::PreviousHint => ("Masih aktif di badan usaha lain menahan pengalihan sampai badan usaha itu menonaktifkannya; peserta mandiri dengan tunggakan tertahan sampai tunggakan lunas; dari PBI perlu surat keterangan keluar dari PBI.", "Still active at another employer holds the transfer up until that employer deactivates; self-paying with arrears holds it up until they are paid; from PBI it needs a statement of leaving PBI."),
            T::PreviousSegment => ("Segmen sebelumnya", "Previous segment"),
            T::PreviousStatusLabel => ("Status di sana", "Status there"),
            T::PreviousEmployer => ("Nama badan usaha sebelumnya", "Previous employer's name"),
            T::FollowUpDate => ("Tanggal tindak lanjut", "Follow-up date"),
            T::SavePrevious => ("Simpan kepesertaan sebelumnya", "Save previous membership"),
            T::Handling => ("Penanganan", "Handling"),
            T::Unassigned => ("Belum ada petugas", "Nobody assigned"),
            T::AssignToMe => ("Tugaskan ke saya", "Assign to me"),
            T::Unassign => ("Lepaskan", "Unassign"),
            T::AssignTo => ("Tugaskan ke", "Assign to"),
            T::Assign => ("Tugaskan", "Assign"),
            T::ChangeDue => ("Ubah tenggat", "Change due date"),
            T::MembershipAndCases => ("Kepesertaan dan kasus", "Membership and cases"),
            T::NoWorkerCases => ("Belum ada kasus untuk pekerja ini.", "No cases for this worker yet."),
            T::MembershipHistory => ("Riwayat status kepesertaan", "Membership status history"),
            T::Person => ("Nama", "Person"),
            T::Since => ("Sejak", "Since"),
            T::UntilCol => ("Sampai", "Until"),
            T::BeforeHire => (
                "Hari terakhir kerja tidak boleh sebelum tanggal mulai kerja.",
                "The last day of work cannot be before the hire date.",
            ),
            T::RecordTermination => ("Catat berhenti bekerja", "Record termination"),
            T::TerminationHint => ("Membuka kasus penonaktifan (pekerja dan keluarganya) dengan tenggat dari batas akhir laporan bulanan.", "Opens the deactivation case (the worker and the family), due by the monthly report cut-off."),
            T::DeactivationOpened => ("Berhenti bekerja dicatat; kasus penonaktifan dibuka.", "Termination recorded; the deactivation case is open."),
            T::OpenDeactivationCase => ("Buka kasus penonaktifan", "Open the deactivation case"),
            T::RegistrationCancelled => ("Berhenti bekerja dicatat. Pekerja belum terdaftar melalui perusahaan, jadi pendaftarannya dibatalkan dan tidak perlu penonaktifan.", "Termination recorded. The worker was never registered through the company, so the registration was cancelled and no deactivation is needed."),
            T::OpenCancelledCase => ("Lihat kasus yang dibatalkan", "See the cancelled case"),
            T::Terminated => ("Berhenti bekerja", "Left the company"),
            T::Arrears => ("Tunggakan iuran", "Contribution arrears"),
            T::ArrearsIntro => ("BPJS menghitung paling banyak 24 bulan tunggakan. Rawat inap dalam 45 hari setelah kepesertaan aktif kembali dikenai denda layanan 5% biaya per bulan tunggakan (paling banyak 12 bulan), maksimal Rp30.000.000. Tunggakan mandiri yang belum lunas menahan pengalihan.", "BPJS counts at most 24 months of arrears. Inpatient care within 45 days of reactivation costs a service fine of 5% of the cost per month in arrears (at most 12 months), at most Rp30,000,000. Open self-paying arrears hold a transfer up."),
            T::NoArrears => ("Tidak ada tunggakan tercatat.", "No arrears recorded."),
            T::Source => ("Asal", "Source"),
            T::Months => ("Bulan", "Months"),
            T::Amount => ("Jumlah (Rp)", "Amount (Rp)"),
            T::ServiceFine => ("Denda layanan", "Service fine"),
            T::Evidence => ("Bukti (nomor kuitansi, surat)", "Evidence (receipt number, letter)"),
            T::Note => ("Keterangan", "Note"),
            T::AddArrears => ("Catat tunggakan", "Record arrears"),
            T::ArrearsAdded => ("Tunggakan dicatat.", "Arrears recorded."),
            T::ArrearsSettled => ("Tunggakan diselesaikan.", "Arrears settled."),
            T::MarkPaid => ("Lunas", "Paid"),
            T::MarkWaived => ("Dihapuskan", "Waived"),
            T::TheWorker => ("Pekerja sendiri", "The worker"),
            T::MonthsInvalid => ("Tulis jumlah bulan sebagai angka bulat, 1 atau lebih.", "Write the months as a whole number, 1 or more."),
            T::AmountInvalid => ("Tulis jumlah sebagai angka Rupiah tanpa desimal.", "Write the amount as whole Rupiah."),
            T::SopTitle => ("SOP kepesertaan BPJS Kesehatan", "BPJS Kesehatan membership SOP"),
            T::SopIntro => ("Dicetak dari aturan yang sama yang dijalankan Tertib, jadi selalu sesuai dengan apa yang diizinkan sistem.", "Printed from the same rules Tertib enforces, so it always matches what the system allows."),
            T::SettingsTitle => ("Pengaturan prosedur", "Procedure settings"),
            T::CutoffDay => ("Batas akhir laporan bulanan (tanggal)", "Monthly report cut-off (day)"),
            T::CutoffHint => ("1–31; pada bulan yang lebih pendek, hari terakhirnya.", "1–31; in a shorter month, its last day."),
            T::PhkCoverMonths => ("Bulan jaminan pasca-PHK", "Months of cover after dismissal"),
            T::PhkCoverHint => ("1–24", "1–24"),
            T::AgeingNoticeDays => ("Pemberitahuan sebelum anak berusia 21/25 (hari)", "Notice before a child turns 21/25 (days)"),
            T::AgeingHint => ("1–366", "1–366"),
            T::MaxDocumentBytes => ("Ukuran dokumen terbesar (byte)", "Largest document (bytes)"),
            T::MaxDocumentHint => ("10.000–50.000.000", "10,000–50,000,000"),
            T::SaveSettings => ("Simpan pengaturan", "Save settings"),
            T::SettingsSaved => ("Pengaturan disimpan; SOP di bawah sudah mengikutinya.", "Settings saved; the SOP below follows them."),
            T::OutOfRange => ("Di luar rentang yang diizinkan.", "Outside the allowed range."),
            T::NotANumber => ("Tulis sebagai angka bulat.", "Write a whole number."),
            T::NavPortal => ("Portal", "Portal"),
            T::NavImport => ("Impor", "Import"),
            T::NavReminders => ("Pengingat", "Reminders"),
            T::RemindersTitle => ("Pengingat dan kotak keluar", "Reminders and outbox"),
            T::RemindersIntro => ("Kapan ringkasan harian dikirim dan kepada siapa, pratinjau ringkasan hari ini, dan setiap email yang menunggu atau sudah dikirim.", "When the daily digest goes out and to whom, a preview of today's digest, and every mail waiting or sent."),
            T::RemindersIntroHr => ("Lihat ringkasan hari ini seperti yang akan Anda terima melalui email.", "See today's digest as you would get it by email."),
            T::RemindersCardBody => ("Atur ringkasan harian, pratinjau, kirim sekarang, dan periksa kotak keluar.", "Set the daily digest, preview it, send it now, and check the outbox."),
            T::ReminderSettingsTitle => ("Pengaturan pengingat", "Reminder settings"),
            T::DigestTime => ("Jam ringkasan harian", "Time of the daily digest"),
            T::DigestTimeHint => ("JJ:MM waktu kantor, mis. 07:00.", "HH:MM office time, e.g. 07:00."),
            T::DigestTimeInvalid => ("Tulis jam sebagai JJ:MM, mis. 07:00.", "Write the time as HH:MM, e.g. 07:00."),
            T::TimeZone => ("Zona waktu kantor", "Office time zone"),
            T::IncludeHr => ("HR juga menerima ringkasan", "HR gets the digest too"),
            T::IncludeHrHint => ("Direktur selalu menerimanya.", "Directors always get it."),
            T::SkipEmpty => ("Jangan kirim ringkasan pada hari tanpa isi", "No digest on a day with nothing to report"),
            T::AlertDays => ("Peringatan segera bila PHK dicatat kurang dari (hari) sebelum cut-off", "Alert at once when a termination is recorded less than (days) before the cut-off"),
            T::AlertDaysHint => ("0–31", "0–31"),
            T::MonthlyReminderDay => ("Tanggal pengingat iuran bulanan", "Day of the monthly contribution reminder"),
            T::MonthlyReminderHint => ("1–9; iuran jatuh tempo tanggal 10.", "1–9; contributions are due on the 10th."),
            T::MaxAttempts => ("Percobaan kirim sebelum email dinyatakan gagal", "Attempts before a mail counts as failed"),
            T::MaxAttemptsHint => ("1–20; jeda antarpercobaan berlipat dari 30 detik sampai 1 jam.", "1–20; the wait between attempts doubles from 30 seconds up to an hour."),
            T::ReminderSettingsSaved => ("Pengaturan pengingat disimpan; berlaku pada jadwal berikutnya.", "Reminder settings saved; the next run uses them."),
            T::DigestTitle => ("Ringkasan hari ini", "Today's digest"),
            T::DigestIntro => ("Penonaktifan yang tertunda (dengan iuran yang dipertaruhkan), pengalihan tertahan, tunggakan, anak yang mencapai batas usia, dan pendaftaran yang ditolak.", "Pending deactivations (with the contribution at stake), blocked transfers, arrears, children reaching an age limit, and rejected registrations."),
            T::PreviewDigest => ("Pratinjau ringkasan", "Preview digest"),
            T::SendDigestNow => ("Kirim sekarang", "Send now"),
            T::DigestQueued => ("Ringkasan hari ini masuk kotak keluar dan dikirim pada putaran pengirim berikutnya.", "Today's digest is in the outbox and goes out with the sender's next run."),
            T::Subject => ("Subjek", "Subject"),
            T::DigestWouldSkip => ("Ringkasan hari ini kosong, jadi tidak akan dikirim (pengaturan: jangan kirim ringkasan tanpa isi).", "Today's digest is empty, so it would not be sent (setting: no digest with nothing to report)."),
            T::DigestHtmlPart => ("Tampilan email", "As the mail shows"),
            T::DigestTextPart => ("Teks biasa", "Plain text"),
            T::OutboxTitle => ("Kotak keluar", "Outbox"),
            T::SmtpMissing => ("Email belum dapat dikirim: server SMTP belum diatur (TERTIB_SMTP_URL), jadi semua email menunggu di sini. Setelah diatur, email yang menunggu dikirim pada putaran berikutnya.", "Mails cannot go out yet: no SMTP server is configured (TERTIB_SMTP_URL), so every mail waits here. Once it is set, the waiting mails go out with the next run."),
            T::AllMail => ("Semua email", "All mail"),
            T::Refresh => ("Muat ulang", "Refresh"),
            T::QueuedAt => ("Dibuat", "Queued"),
            T::MailKind => ("Jenis", "Kind"),
            T::Recipient => ("Penerima", "Recipient"),
            T::Attempts => ("Percobaan", "Attempts"),
            T::NoMail => ("Tidak ada email.", "No mail."),
            T::SentAt => ("terkirim", "sent"),
            T::NextAttempt => ("dicoba lagi", "next try"),
            T::Resend => ("Kirim ulang", "Send again"),
            T::PortalTitle => ("Portal perusahaan klien", "Client company portal"),
            T::PortalIntro => ("Status BPJS Kesehatan pekerja yang ditempatkan di perusahaan Anda, termasuk yang penempatannya berakhir dalam enam bulan terakhir. NIK dan nomor kartu disamarkan.", "The BPJS Kesehatan status of the workers placed with your company, including those whose placement ended in the last six months. NIK and card numbers are masked."),
            T::NotAllowedPortal => ("Halaman ini untuk pengguna perusahaan klien.", "This page is for client company users."),
            T::TotalsByStatus => ("Jumlah per status", "Totals by status"),
            T::AllWorkers => ("Semua pekerja", "All workers"),
            T::AllStatuses => ("Semua status", "All statuses"),
            T::SearchPortal => ("Cari nama atau NIP…", "Search name or employee no.…"),
            T::PlacedFrom => ("Ditempatkan sejak", "Placed from"),
            T::PlacedUntil => ("Ditempatkan sampai", "Placed until"),
            T::StatusSince => ("Status sejak", "Status since"),
            T::LastChange => ("Perubahan terakhir", "Last change"),
            T::ExportCsv => ("Ekspor CSV", "Export CSV"),
            T::ApiClients => ("Klien API", "API clients"),
            T::ApiClientsIntro => ("Sistem milik perusahaan klien (mis. HRIS) masuk dengan client ID dan secret untuk membaca API portal. Cabut klien yang tidak dipakai lagi.", "The client company's own systems (an HRIS, say) sign in with a client ID and secret to read the portal API. Revoke a client that is no longer used."),
            T::NoApiClients => ("Belum ada klien API.", "No API clients yet."),
            T::ClientId => ("Client ID", "Client ID"),
            T::ClientSecret => ("Client secret", "Client secret"),
            T::RateLimit => ("Batas permintaan per menit", "Requests per minute"),
            T::RateLimitHint => ("1–6000; bawaan 120.", "1–6000; 120 by default."),
            T::CreatedAt => ("Dibuat", "Created"),
            T::LastUsed => ("Terakhir dipakai", "Last used"),
            T::Revoke => ("Cabut", "Revoke"),
            T::ConfirmRevoke => ("Ya, cabut", "Yes, revoke"),
            T::RevokeHint => ("Tokennya langsung berhenti berlaku; tidak dapat dibatalkan.", "Its tokens stop working at once; this cannot be undone."),
            T::NewApiClient => ("Tambah klien API", "Add an API client"),
            T::ApiClientName => ("Nama sistem", "System name"),
            T::ApiClientNameHint => ("Mis. HRIS PT Maju.", "E.g. PT Maju's HRIS."),
            T::CreateApiClient => ("Buat klien API", "Create API client"),
            T::SecretOnce => ("Salin client secret ini sekarang dan serahkan kepada pengelola sistem klien. Tertib hanya menyimpan hash-nya dan tidak akan menampilkannya lagi.", "Copy this client secret now and hand it to the client's system administrator. Tertib keeps only its hash and will not show it again."),
            T::CopySecret => ("Salin secret", "Copy secret"),
            T::Copied => ("Disalin ke papan klip.", "Copied to the clipboard."),
            T::CopyByHand => ("Peramban tidak mengizinkan penyalinan otomatis: pilih teksnya lalu tekan Ctrl+C.", "The browser does not allow copying here: select the text and press Ctrl+C."),
            T::SecretSaved => ("Sudah saya simpan", "I have saved it"),
            T::Webhook => ("Webhook", "Webhook"),
            T::WebhookIntro => ("Opsional: Tertib mengirim POST bertanda tangan (HMAC-SHA256) ke sistem perusahaan klien setiap kali status BPJS pekerja yang ditempatkan di sana berubah, dan mengulanginya bila gagal.", "Optional: Tertib sends a signed POST (HMAC-SHA256) to the client company's system whenever the BPJS status of a worker placed there changes, and retries when it fails."),
            T::WebhookUrl => ("URL webhook", "Webhook URL"),
            T::WebhookUrlHint => ("http:// atau https://, tanpa nama pengguna atau sandi.", "http:// or https://, without a user name or password."),
            T::WebhookEnabled => ("Aktif (kirim perubahan status)", "On (send status changes)"),
            T::SaveWebhook => ("Simpan webhook", "Save webhook"),
            T::RotateSecret => ("Buat secret baru", "Rotate secret"),
            T::WebhookSecret => ("Secret penanda tangan", "Signing secret"),
            T::WebhookSecretOnce => ("Salin secret ini sekarang dan serahkan kepada pengelola sistem klien untuk memeriksa tanda tangan. Tertib tidak akan menampilkannya lagi; secret lama tidak berlaku lagi.", "Copy this secret now and hand it to the client's system administrator to check the signatures. Tertib will not show it again; any previous secret no longer works."),
            T::WebhookDeliveries => ("Pengiriman terakhir", "Latest deliveries"),
            T::NoDeliveries => ("Belum ada pengiriman.", "No deliveries yet."),
            T::LastError => ("Galat terakhir", "Last error"),
            T::ImportTitle => ("Impor daftar pekerja", "Import a worker roster"),
            T::ImportIntro => ("Unggah berkas Excel atau CSV (satu baris per orang: pekerja dengan hubungan “peserta”, anggota keluarga dengan NIK pekerjanya di nik_peserta), atau formulir unggah e-Dabu. Periksa dulu: tidak ada yang disimpan sampai Anda menekan Impor.", "Upload an Excel or CSV file (one row per person: workers with hubungan “peserta”, family members with their worker's NIK in nik_peserta), or an e-Dabu upload form. Check it first: nothing is saved until you press Import."),
            T::ImportCardBody => ("Tambah atau perbarui banyak pekerja dan keluarganya sekaligus dari berkas Excel atau CSV.", "Add or update many workers and their families at once from an Excel or CSV file."),
            T::DownloadTemplate => ("Unduh templat CSV", "Download the CSV template"),
            T::DownloadTemplateXlsx => ("Unduh templat Excel", "Download the Excel template"),
            T::DropHere => ("Tarik berkas Excel atau CSV ke sini", "Drag an Excel or CSV file here"),
            T::OrPickFile => ("atau pilih berkas:", "or choose a file:"),
            T::ImportFileHint => ("Excel (.xlsx), atau CSV UTF-8 dipisah koma atau titik koma (seperti disimpan Excel).", "Excel (.xlsx), or UTF-8 CSV, comma- or semicolon-separated (as Excel saves it)."),
            T::ReadingFile => ("Membaca berkas…", "Reading the file…"),
            T::FileUnreadable => ("Berkas ini tidak dapat dibaca oleh peramban.", "The browser cannot read this file."),
            T::NotUtf8 => ("Berkas bukan teks UTF-8: di Excel, simpan sebagai “CSV UTF-8”.", "The file is not UTF-8 text: in Excel, save it as “CSV UTF-8”."),
            T::XlsNotSupported => ("Berkas Excel lama (.xls) tidak dapat dibaca: di Excel, simpan sebagai “Excel Workbook (.xlsx)” atau “CSV UTF-8”, lalu unggah berkas itu.", "Old Excel files (.xls) cannot be read: in Excel, save as “Excel Workbook (.xlsx)” or “CSV UTF-8” and upload that file."),
            T::SheetLabel => ("Lembar (sheet)", "Sheet"),
            T::SheetHint => ("Nama lembar yang berisi data; kosongkan untuk lembar pertama.", "The name of the sheet with the data; leave empty for the first sheet."),
            T::EdabuRecognised => ("Dikenali sebagai formulir unggah e-Dabu: kodenya dibaca, kolom yang tidak disimpan Tertib diabaikan, dan anggota keluarga dikaitkan ke pekerja di atasnya dengan No KK yang sama.", "Recognised as an e-Dabu upload form: its codes are read, the columns Tertib does not keep are ignored, and family members belong to the worker above them with the same No KK."),
            T::ImportModeLabel => ("Cara impor", "How to import"),
            T::AllOrNothing => ("Semua atau tidak sama sekali", "All or nothing"),
            T::AllOrNothingHint => ("Tidak ada yang disimpan bila satu baris pun salah.", "Nothing is saved if any row is wrong."),
            T::OnlyValidRows => ("Hanya baris yang valid", "Only the valid rows"),
            T::OnlyValidRowsHint => ("Baris yang benar disimpan (setiap keluarga utuh atau tidak sama sekali); yang salah dilaporkan.", "The good rows are saved (each family whole or not at all); the wrong ones are reported."),
            T::CheckFile => ("Periksa", "Check"),
            T::Checking => ("Memeriksa…", "Checking…"),
            T::ImportNow => ("Impor", "Import"),
            T::Importing => ("Mengimpor…", "Importing…"),
            T::CheckFirst => ("Periksa berkas dulu.", "Check the file first."),
            T::DownloadWithErrors => ("Unduh berkas dengan kolom kesalahan", "Download the file with an error column"),
            T::CheckResult => ("Hasil pemeriksaan (belum ada yang disimpan)", "Check result (nothing saved yet)"),
            T::ImportResult => ("Hasil impor", "Import result"),
            T::FileReady => ("Semua baris benar; berkas siap diimpor.", "Every row is right; the file is ready to import."),
            T::FileHasErrors => ("Ada baris yang salah (ditandai di bawah). Perbaiki berkasnya, atau impor hanya baris yang valid.", "Some rows are wrong (marked below). Fix the file, or import only the valid rows."),
            T::ImportDone => ("Impor selesai.", "Import done."),
            T::ImportRefused => ("Tidak ada yang diimpor: berkas masih berisi baris yang salah dan caranya “semua atau tidak sama sekali”.", "Nothing was imported: the file still has wrong rows and the mode is “all or nothing”."),
            T::RowsTotal => ("Baris data", "Data rows"),
            T::RowsValid => ("Baris valid", "Valid rows"),
            T::WouldCreate => ("Akan dibuat", "Would be created"),
            T::WouldUpdate => ("Akan diperbarui", "Would be updated"),
            T::CreatedCount => ("Dibuat", "Created"),
            T::UpdatedCount => ("Diperbarui", "Updated"),
            T::UnchangedCount => ("Tidak berubah", "Unchanged"),
            T::ErrorCount => ("Kesalahan", "Errors"),
            T::WarningWord => ("peringatan", "warning"),
            T::FileContent => ("Isi berkas", "File content"),
            T::OnlyMarkedRows => ("Hanya baris dengan kesalahan atau peringatan", "Only rows with errors or warnings"),
            T::Row => ("Baris", "Row"),
            T::Messages => ("Pesan", "Messages"),
            T::NoRows => ("Tidak ada baris untuk ditampilkan.", "No rows to show."),
            T::NavEdabu => ("Batch e-Dabu", "e-Dabu batches"),
            T::EdabuTitle => ("Batch e-Dabu", "e-Dabu batches"),
            T::EdabuIntro => (
                "Kasus yang siap diajukan ditulis sebagai formulir unggah e-Dabu dan diajukan sekaligus; hasil validasi e-Dabu dibaca kembali di sini.",
                "Cases ready to submit are written as e-Dabu's upload form and submitted at once; e-Dabu's validation results are read back here.",
            ),
            T::NewBatchTitle => ("Batch baru", "New batch"),
            T::BatchKindLabel => ("Jenis batch", "Batch kind"),
            T::DueMonth => ("Bulan tenggat", "Due month"),
            T::DueMonthHint => ("Kosongkan untuk semua bulan.", "Leave empty for every month."),
            T::PreviewBatch => ("Lihat kasus yang akan diajukan", "See the cases that would go"),
            T::Previewing => ("Memeriksa kasus…", "Checking the cases…"),
            T::CreateBatch => ("Buat batch dan ajukan", "Create the batch and submit"),
            T::CreatingBatch => ("Membuat batch…", "Creating the batch…"),
            T::BatchCreated => (
                "Batch dibuat; kasusnya kini diajukan ke BPJS. Unduh berkasnya lalu unggah ke e-Dabu.",
                "Batch created; its cases are now submitted to BPJS. Download its file and upload it to e-Dabu.",
            ),
            T::PickedCases => ("Akan diajukan", "Will be submitted"),
            T::LeftOutCases => ("Tidak ikut", "Left out"),
            T::NoCasesPicked => ("Tidak ada kasus yang dapat diajukan dengan pilihan ini.", "No case can be submitted with this choice."),
            T::FormRows => ("Baris formulir", "Form rows"),
            T::BatchesTitle => ("Batch yang sudah dibuat", "Batches made"),
            T::NoBatches => ("Belum ada batch.", "No batches yet."),
            T::CaseCount => ("Kasus", "Cases"),
            T::Accepted => ("Diterima", "Accepted"),
            T::Rejected => ("Ditolak", "Rejected"),
            T::ShowBatch => ("Lihat isi", "Show rows"),
            T::BatchRowsTitle => ("Isi batch", "Batch rows"),
            T::EdabuResult => ("Hasil e-Dabu", "e-Dabu result"),
            T::UploadResults => ("Unggah hasil e-Dabu (XLSX atau CSV)", "Upload e-Dabu's result (XLSX or CSV)"),
            T::UploadResultsHint => (
                "Hasil validasi atau daftar peserta; kolom NIK, No Kartu, Status dan Keterangan dikenali dari judulnya. Berkas dengan kesalahan tidak mengubah apa pun.",
                "The validation result or member list; the NIK, card number, status and remark columns are found by their headers. A file with errors changes nothing.",
            ),
            T::ResultsApplied => ("Hasil dicatat.", "Results recorded."),
            T::ResultsRefused => (
                "Tidak ada yang dicatat: perbaiki kesalahan di bawah lalu unggah lagi.",
                "Nothing was recorded: fix the errors below and upload again.",
            ),
            T::Column => ("Kolom", "Column"),
            T::ExportXlsx => ("Ekspor XLSX", "Export XLSX"),
            T::Exported => ("Berkas diunduh.", "File downloaded."),
            T::NetworkError => (
                "Server tidak dapat dihubungi. Periksa koneksi Anda, lalu coba lagi.",
                "The server cannot be reached. Check your connection and try again.",
            ),
            T::NotFoundTitle => ("Halaman tidak ditemukan", "Page not found"),
            T::NotFoundBody => ("Alamat ini tidak ada di Tertib.", "This address does not exist in Tertib."),
            T::BackHome => ("Kembali ke beranda", "Back to the home page"),
        };
        lang.pick(id, en)
    }
}

/// The name of a language in that language: what a person looks for in a language menu.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "Bahasa Indonesia",
        Lang::En => "English",
    }
}

pub fn welcome(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Id => format!("Selamat datang, {name}"),
        Lang::En => format!("Welcome, {name}"),
    }
}

pub fn last_sign_in(lang: Lang, when: &str) -> String {
    match lang {
        Lang::Id => format!("Terakhir masuk: {when}"),
        Lang::En => format!("Last sign-in: {when}"),
    }
}

pub fn user_count(lang: Lang, shown: usize, total: usize) -> String {
    match (lang, shown == total) {
        (Lang::Id, true) => format!("{total} pengguna"),
        (Lang::Id, false) => format!("{shown} dari {total} pengguna"),
        (Lang::En, true) => format!("{total} user(s)"),
        (Lang::En, false) => format!("{shown} of {total} user(s)"),
    }
}

pub fn user_created(lang: Lang, email: &str) -> String {
    match lang {
        Lang::Id => format!("Pengguna {email} telah ditambahkan."),
        Lang::En => format!("User {email} has been added."),
    }
}

/// The name of a button that edits `who` (a user, a family member).
pub fn edit_label(lang: Lang, who: &str) -> String {
    match lang {
        Lang::Id => format!("Ubah {who}"),
        Lang::En => format!("Edit {who}"),
    }
}

/// The name of a button that removes `who` from a worker's family.
pub fn remove_label(lang: Lang, who: &str) -> String {
    match lang {
        Lang::Id => format!("Hapus {who}"),
        Lang::En => format!("Remove {who}"),
    }
}

/// The question before a family member is removed.
pub fn remove_member_question(lang: Lang, who: &str) -> String {
    match lang {
        Lang::Id => format!("Hapus {who} dari keluarga?"),
        Lang::En => format!("Remove {who} from the family?"),
    }
}

pub fn unexpected_answer(lang: Lang, status: u16) -> String {
    match lang {
        Lang::Id => format!("Jawaban server tidak terduga (HTTP {status}). Coba lagi."),
        Lang::En => format!("Unexpected answer from the server (HTTP {status}). Try again."),
    }
}

/// "sejak 02-01-2026": since when a status holds.
pub fn since(lang: Lang, date: &chrono::NaiveDate) -> String {
    match lang {
        Lang::Id => format!("sejak {}", day(date)),
        Lang::En => format!("since {}", day(date)),
    }
}

pub fn case_count(lang: Lang, total: i64, page: u32, pages: u32) -> String {
    match lang {
        Lang::Id => format!("{total} kasus · halaman {page} dari {pages}"),
        Lang::En => format!("{total} case(s) · page {page} of {pages}"),
    }
}

/// "API clients of PT Maju".
pub fn api_clients_of(lang: Lang, company: &str) -> String {
    match lang {
        Lang::Id => format!("Klien API {company}"),
        Lang::En => format!("API clients of {company}"),
    }
}

pub fn revoke_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Id => format!("Cabut klien API {name}?"),
        Lang::En => format!("Revoke the API client {name}?"),
    }
}

pub fn revoked_at(lang: Lang, when: &str) -> String {
    match lang {
        Lang::Id => format!("Dicabut {when}"),
        Lang::En => format!("Revoked {when}"),
    }
}

pub fn per_minute(lang: Lang, n: i32) -> String {
    match lang {
        Lang::Id => format!("{n}/menit"),
        Lang::En => format!("{n}/minute"),
    }
}

/// An office time zone: its Indonesian abbreviation and its name.
pub fn office_zone(lang: Lang, zone: OfficeZone) -> &'static str {
    match zone {
        OfficeZone::Jakarta => {
            lang.pick("WIB, Waktu Indonesia Barat (Asia/Jakarta)", "WIB, Western Indonesia Time (Asia/Jakarta)")
        }
        OfficeZone::Makassar => {
            lang.pick("WITA, Waktu Indonesia Tengah (Asia/Makassar)", "WITA, Central Indonesia Time (Asia/Makassar)")
        }
        OfficeZone::Jayapura => {
            lang.pick("WIT, Waktu Indonesia Timur (Asia/Jayapura)", "WIT, Eastern Indonesia Time (Asia/Jayapura)")
        }
    }
}

/// Where a mail of the outbox stands; the name itself for a status this app does not know.
pub fn mail_status(lang: Lang, status: &str) -> String {
    match status {
        "queued" => lang.pick("menunggu", "queued"),
        "sending" => lang.pick("sedang dikirim", "sending"),
        "sent" => lang.pick("terkirim", "sent"),
        "failed" => lang.pick("gagal", "failed"),
        other => other,
    }
    .to_string()
}

/// What a mail of the outbox is.
pub fn mail_kind(lang: Lang, kind: &str) -> String {
    match kind {
        "digest" => lang.pick("Ringkasan harian", "Daily digest"),
        "termination_alert" => lang.pick("Peringatan PHK dekat cut-off", "Termination near the cut-off"),
        "contribution_reminder" => lang.pick("Pengingat iuran bulanan", "Monthly contribution reminder"),
        other => other,
    }
    .to_string()
}

pub fn mail_count(lang: Lang, total: i64, page: u32, pages: u32) -> String {
    match lang {
        Lang::Id => format!("{total} email · halaman {page} dari {pages}"),
        Lang::En => format!("{total} mail(s) · page {page} of {pages}"),
    }
}

/// What a result file did: the rows recorded, left as they were or skipped, and the cases moved.
pub fn results_summary(lang: Lang, r: &tertib_domain::edabu::ResultsReport) -> String {
    match lang {
        Lang::Id => format!(
            "{} baris: {} diterima, {} ditolak, {} sudah tercatat, {} dilewati · {} kasus selesai, {} kasus dikembalikan ke HR",
            r.rows_total, r.accepted, r.rejected, r.unchanged, r.skipped, r.cases_completed, r.cases_rejected
        ),
        Lang::En => format!(
            "{} row(s): {} accepted, {} rejected, {} already recorded, {} skipped · {} case(s) completed, {} returned to HR",
            r.rows_total, r.accepted, r.rejected, r.unchanged, r.skipped, r.cases_completed, r.cases_rejected
        ),
    }
}

/// The file chosen for an import and the data rows read from it.
pub fn chosen_file(lang: Lang, name: &str, rows: usize) -> String {
    match lang {
        Lang::Id => format!("{name} · {rows} baris data"),
        Lang::En => format!("{name} · {rows} data row(s)"),
    }
}

pub fn rows_shown(lang: Lang, shown: usize, total: usize) -> String {
    match (lang, shown == total) {
        (Lang::Id, true) => format!("{total} baris"),
        (Lang::Id, false) => format!("Menampilkan {shown} dari {total} baris"),
        (Lang::En, true) => format!("{total} row(s)"),
        (Lang::En, false) => format!("Showing {shown} of {total} rows"),
    }
}

/// Where arrears stand. (The domain's `ArrearsStatus` has no label of its own.)
pub fn arrears_status(lang: Lang, status: ArrearsStatus) -> &'static str {
    match status {
        ArrearsStatus::Open => lang.pick("belum lunas", "open"),
        ArrearsStatus::Paid => lang.pick("lunas", "paid"),
        ArrearsStatus::Waived => lang.pick("dihapuskan", "waived"),
    }
}

/// A transferred worker's status at the previous membership. (The domain's `PreviousStatus` has
/// no label of its own.)
pub fn previous_status(lang: Lang, status: PreviousStatus) -> &'static str {
    match status {
        PreviousStatus::Active => lang.pick("masih aktif", "still active"),
        PreviousStatus::Inactive => lang.pick("sudah nonaktif", "already inactive"),
    }
}

/// Months in arrears, and how many BPJS counts when that is fewer (at most 24).
pub fn arrears_months(lang: Lang, months: u32, counted: u32) -> String {
    match (lang, counted < months) {
        (_, false) => months.to_string(),
        (Lang::Id, true) => format!("{months} (dihitung {counted})"),
        (Lang::En, true) => format!("{months} ({counted} counted)"),
    }
}

/// The service fine for care within 45 days of reactivation: a share of the cost, capped.
pub fn service_fine(lang: Lang, percent: u32, cap: i64) -> String {
    match lang {
        Lang::Id => format!("{percent}% biaya rawat inap, maks. {}", rupiah(lang, cap)),
        Lang::En => format!("{percent}% of inpatient cost, at most {}", rupiah(lang, cap)),
    }
}

/// A file's size for people: bytes, KB or MB (1000-based, as the settings are written).
pub fn file_size(lang: Lang, bytes: i64) -> String {
    let (value, unit) = match bytes {
        b if b < 1_000 => return format!("{b} B"),
        b if b < 1_000_000 => (b as f64 / 1_000.0, "KB"),
        b => (b as f64 / 1_000_000.0, "MB"),
    };
    let text = format!("{value:.1}");
    match lang {
        Lang::Id => format!("{} {unit}", text.replace('.', ",")),
        Lang::En => format!("{text} {unit}"),
    }
}

/// The browser's locale for dates in `lang`.
fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id-ID",
        Lang::En => "en-GB",
    }
}

/// A moment in the reader's time zone and language, e.g. "25 Nov 2026, 17.56".
pub fn datetime(lang: Lang, at: &DateTime<Utc>) -> String {
    // Milliseconds since 1970 stay far below 2^53, so f64 holds them exactly.
    let millis = at.timestamp_millis() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(locale(lang), &options).into()
}

/// A day in the reader's language, e.g. "25 November 2026".
pub fn date(lang: Lang, at: &DateTime<Utc>) -> String {
    let millis = at.timestamp_millis() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    date.to_locale_date_string(locale(lang), &options).into()
}

pub fn worker_count(lang: Lang, total: i64, page: u32, pages: u32) -> String {
    match lang {
        Lang::Id => format!("{total} pekerja · halaman {page} dari {pages}"),
        Lang::En => format!("{total} worker(s) · page {page} of {pages}"),
    }
}

/// A day as `dd-mm-yyyy`, the order Indonesians read (also fine in English forms here).
pub fn day(date: &chrono::NaiveDate) -> String {
    tertib_domain::person::format_date(*date)
}

/// Whole Rupiah with thousands separators, e.g. "Rp 5.396.761".
pub fn rupiah(lang: Lang, amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}Rp {}", thousands(lang, amount.unsigned_abs()))
}

/// A count with thousands separators as the language writes them: "100.000", "100,000".
pub fn thousands(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// How far an import is: "12.345 dari 100.000 baris".
pub fn rows_done(lang: Lang, done: usize, total: usize) -> String {
    let (done, total) = (thousands(lang, done as u64), thousands(lang, total as u64));
    match lang {
        Lang::Id => format!("{done} dari {total} baris"),
        Lang::En => format!("{done} of {total} rows"),
    }
}

/// Today in the browser's time zone: the office's date for the rules.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_groups_thousands_in_each_language() {
        assert_eq!(rupiah(Lang::Id, 5_396_761), "Rp 5.396.761");
        assert_eq!(rupiah(Lang::En, 5_396_761), "Rp 5,396,761");
        assert_eq!(rupiah(Lang::Id, 0), "Rp 0");
        assert_eq!(rupiah(Lang::Id, 100_000), "Rp 100.000");
        assert_eq!(rupiah(Lang::En, -1_500), "-Rp 1,500");
        assert_eq!(thousands(Lang::Id, 999), "999");
        assert_eq!(rows_done(Lang::Id, 12_345, 100_000), "12.345 dari 100.000 baris");
        assert_eq!(rows_done(Lang::En, 12_345, 100_000), "12,345 of 100,000 rows");
    }

    #[test]
    fn sizes_and_arrears_read_as_people_write_them() {
        assert_eq!(file_size(Lang::Id, 512), "512 B");
        assert_eq!(file_size(Lang::Id, 48_213), "48,2 KB");
        assert_eq!(file_size(Lang::En, 5_000_000), "5.0 MB");
        assert_eq!(arrears_months(Lang::Id, 30, 24), "30 (dihitung 24)");
        assert_eq!(arrears_months(Lang::En, 7, 7), "7");
        assert_eq!(service_fine(Lang::Id, 60, 30_000_000), "60% biaya rawat inap, maks. Rp 30.000.000");
    }

    #[test]
    fn mail_statuses_and_kinds_have_words_and_unknown_ones_keep_their_name() {
        assert_eq!(mail_status(Lang::Id, "failed"), "gagal");
        assert_eq!(mail_status(Lang::En, "queued"), "queued");
        assert_eq!(mail_status(Lang::Id, "later"), "later");
        assert_eq!(mail_kind(Lang::Id, "digest"), "Ringkasan harian");
    }

    #[test]
    fn every_text_has_both_languages() {
        for t in [
            T::NavCases,
            T::CasesTitle,
            T::StillMissing,
            T::ArrearsIntro,
            T::SettingsSaved,
            T::SmtpMissing,
            T::PortalIntro,
            T::ImportIntro,
            T::SecretOnce,
            T::WebhookIntro,
            T::WebhookSecretOnce,
        ] {
            assert!(!t.get(Lang::Id).is_empty() && !t.get(Lang::En).is_empty());
            assert_ne!(t.get(Lang::Id), t.get(Lang::En), "{t:?}");
        }
    }
}
