//! The words of the interface in Bahasa Indonesia (the default) and English.
//!
//! Messages about data (a field's rule, an API error code) are not here: they come from
//! `tertib_domain` (`Finding::message`, `ErrorCode::message`), so the browser and the server use
//! the same sentences.

use chrono::{DateTime, Utc};
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

pub fn edit_user_label(lang: Lang, who: &str) -> String {
    match lang {
        Lang::Id => format!("Ubah {who}"),
        Lang::En => format!("Edit {who}"),
    }
}

pub fn unexpected_answer(lang: Lang, status: u16) -> String {
    match lang {
        Lang::Id => format!("Jawaban server tidak terduga (HTTP {status}). Coba lagi."),
        Lang::En => format!("Unexpected answer from the server (HTTP {status}). Try again."),
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
