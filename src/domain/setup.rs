//! Check setup: what each answer means for a deployment (Passed, Warning, Failed), how to fix
//! it, and the plain-text diagnostics a person can paste into a ticket (no token, no secret).

use crate::graph::error::GraphError;

/// A check's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    Warning,
    Failed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Passed => "Passed",
            Status::Warning => "Warning",
            Status::Failed => "Failed",
        }
    }
}

/// One row of Check setup.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub name: String,
    pub status: Status,
    /// What was found, in a sentence (with Graph's code and request id when it refused).
    pub found: String,
    /// How to fix it: a sentence and, where one helps, (link text, address).
    pub fix: Option<(String, Option<(&'static str, &'static str)>)>,
}

impl Check {
    pub fn passed(name: &str, found: impl Into<String>) -> Check {
        Check {
            name: name.into(),
            status: Status::Passed,
            found: found.into(),
            fix: None,
        }
    }

    fn with(
        name: &str,
        status: Status,
        found: String,
        fix: &str,
        link: Option<(&'static str, &'static str)>,
    ) -> Check {
        Check {
            name: name.into(),
            status,
            found,
            fix: Some((fix.into(), link)),
        }
    }
}

/// Where each fix is made.
pub const PORTAL_CONSENT: (&str, &str) = ("Enterprise applications", "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview");
pub const PORTAL_LICENSES: (&str, &str) = (
    "Licenses",
    "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/LicensesMenuBlade/~/Products",
);
pub const PORTAL_ROLES: (&str, &str) = (
    "Roles and administrators",
    "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/AllRolesBlade",
);
pub const DOC_PIM_LICENSE: (&str, &str) = (
    "PIM licence requirements",
    "https://learn.microsoft.com/entra/id-governance/licensing-fundamentals",
);

/// The licence check: PIM for Groups needs Entra ID P2 or Entra ID Governance. `plans` are the
/// service plan and product names of the user's licences.
pub fn licence(plans: &[String]) -> Check {
    const NAME: &str = "Licence";
    let p2 = plans.iter().any(|p| {
        let p = p.to_ascii_uppercase();
        p.contains("AAD_PREMIUM_P2")
            || p.contains("IDENTITY_GOVERNANCE")
            || p.contains("ID_GOVERNANCE")
    });
    if p2 {
        Check::passed(
            NAME,
            "You hold Microsoft Entra ID P2 or ID Governance, which PIM for Groups needs.",
        )
    } else {
        let found = if plans.is_empty() {
            "You hold no licence.".to_owned()
        } else {
            format!(
                "Your licences ({}) include neither Entra ID P2 nor ID Governance.",
                plans.join(", ")
            )
        };
        Check::with(NAME, Status::Failed, found, "Assign Microsoft Entra ID P2 or Microsoft Entra ID Governance to this user (and to everyone who activates or approves).", Some(PORTAL_LICENSES))
    }
}

/// Role template ids that matter here.
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
pub const PRIVILEGED_ROLE_ADMIN: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";
const AUDIT_READERS: [&str; 5] = [
    GLOBAL_ADMIN,
    "f2ef992c-3afb-46b9-b7cf-a126ee74c451", // Global Reader
    "4a5d8f65-41da-4de4-8968-e035b65339cf", // Reports Reader
    "5d6b6bb7-de71-4623-b4af-96380a352509", // Security Reader
    "194ae4cb-b126-40b2-bd5b-6091b380977d", // Security Administrator
];

/// What the user's directory roles (template ids, and names to say) let them do here.
pub fn roles(held: &[(String, String)]) -> Vec<Check> {
    let has = |ids: &[&str]| {
        held.iter()
            .find(|(id, _)| ids.contains(&id.as_str()))
            .map(|(_, n)| n.clone())
    };
    let admin = match has(&[GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN]) {
        Some(role) => Check::passed("Administer PIM for Groups", format!("As {role} you can manage every group's settings and assignments.")),
        None => Check::with("Administer PIM for Groups", Status::Warning, "You hold neither Privileged Role Administrator nor Global Administrator: you can administer only groups you own.".into(), "Nothing to fix to use your own access. To administer every group, ask for Privileged Role Administrator (eligible, through PIM).", Some(PORTAL_ROLES)),
    };
    let audit = match has(&AUDIT_READERS) {
        Some(role) => Check::passed("Read the audit log", format!("As {role} you can read the directory audit log.")),
        None => Check::with("Read the audit log", Status::Warning, "You hold no role that reads the directory audit log, so Audit and a group's History stay empty for you.".into(), "Ask for Reports Reader or Security Reader (the least privileged roles that read audit logs).", Some(PORTAL_ROLES)),
    };
    vec![admin, audit]
}

/// An API answered (or not): Passed, or Failed with Graph's words and what to do about them.
pub fn api(name: &str, answer: &Result<(), GraphError>, permission: &str) -> Check {
    let e = match answer {
        Ok(()) => return Check::passed(name, "Answers."),
        Err(e) => e,
    };
    let found = format!(
        "{} {}: {} (request id {})",
        e.status,
        e.effective_code(),
        e.message,
        e.request_id.as_deref().unwrap_or("none given")
    );
    let (fix, link) = match e.status {
        403 => (format!("Grant {permission} to pim-groups (admin consent), and check that your role allows the call."), Some(PORTAL_CONSENT)),
        400 | 404 | 501 if e.message.contains("segment") || e.status != 400 => ("This cloud or tenant does not offer this call here; pim-groups uses what it has instead.".to_owned(), None),
        429 | 503 | 504 => ("Graph was busy: run the check again in a minute.".to_owned(), None),
        _ => ("Run the check again; if it keeps failing, give the request id to Microsoft support.".to_owned(), None),
    };
    Check::with(name, Status::Failed, found, &fix, link)
}

/// The clock: a difference over a minute is worth saying (everything still goes by Entra's time).
pub fn clock(offset_secs: i64) -> Check {
    const NAME: &str = "Clock";
    if offset_secs.abs() <= 60 {
        return Check::passed(NAME, "This browser's clock agrees with Entra's.");
    }
    Check::with(
        NAME,
        Status::Warning,
        format!(
            "{}; pim-groups counts by Entra's time.",
            crate::clock::describe(offset_secs)
        ),
        "Set this device's clock to the network time so other apps agree too.",
        None,
    )
}

/// A plain-text report of every check: safe to paste anywhere (no token, no code, no secret).
pub fn diagnostics(header: &[(&str, String)], checks: &[Check]) -> String {
    let mut out = String::from("pim-groups: Check setup\n");
    for (k, v) in header {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push('\n');
    for c in checks {
        out.push_str(&format!("[{}] {}: {}\n", c.status.label(), c.name, c.found));
        if let Some((fix, link)) = &c.fix {
            out.push_str(&format!("    How to fix: {fix}"));
            if let Some((_, url)) = link {
                out.push_str(&format!(" ({url})"));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests;
