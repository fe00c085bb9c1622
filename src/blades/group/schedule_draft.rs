//! What the assignment wizard and a row's Update/Extend/Renew form share: the schedule being
//! typed, checked against the role's settings, and the role's policy read into settings.

use crate::components::datetime::from_input;
use crate::domain::assign_form::{max_minutes, problems, AssignForm};
use crate::domain::assignments::Kind;
use crate::domain::settings::AssignmentSettings;
use crate::domain::wording::duration;
use leptos::prelude::*;

/// A role's settings from a `role_policy` answer.
pub fn settings_of(
    page: crate::graph::model::Page<crate::graph::model::UnifiedRoleManagementPolicyAssignment>,
) -> Result<crate::domain::settings::RoleSettings, crate::graph::error::GraphError> {
    crate::graph::policies::the_policy(page)
        .map(|p| crate::domain::settings::RoleSettings::from_rules(&p.rules))
}

/// The draft of a schedule, as kept in sessionStorage.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Typed {
    kind: Kind,
    permanent: bool,
    starts: String,
    ends: String,
    justification: String,
}

/// The fields of a schedule as typed, and the problems found on the last attempt to send.
#[derive(Clone, Copy)]
pub struct ScheduleDraft {
    pub kind: RwSignal<Kind>,
    pub permanent: RwSignal<bool>,
    pub starts: RwSignal<String>,
    pub ends: RwSignal<String>,
    pub justification: RwSignal<String>,
    issues: RwSignal<Vec<(&'static str, String)>>,
}

impl ScheduleDraft {
    pub fn new(kind: Kind, permanent: bool, starts: String, ends: String) -> Self {
        ScheduleDraft {
            kind: RwSignal::new(kind),
            permanent: RwSignal::new(permanent),
            starts: RwSignal::new(starts),
            ends: RwSignal::new(ends),
            justification: RwSignal::new(String::new()),
            issues: RwSignal::new(vec![]),
        }
    }

    /// The form if it may be sent under `settings`; otherwise its problems are shown.
    pub fn checked(&self, settings: &AssignmentSettings) -> Option<AssignForm> {
        let form = AssignForm {
            kind: self.kind.get_untracked(),
            permanent: self.permanent.get_untracked(),
            start: from_input(&self.starts.get_untracked())
                .unwrap_or_else(crate::clock::service_now),
            end: from_input(&self.ends.get_untracked()),
            justification: self.justification.get_untracked(),
        };
        let found = problems(&form, settings, crate::clock::service_now());
        let ok = found.is_empty();
        self.issues.set(found);
        ok.then_some(form)
    }

    /// Keeps what is typed across a sign-in redirect or reload under `key`; true when a draft
    /// was brought back.
    pub fn keep(&self, key: String) -> bool {
        let d = *self;
        crate::components::draft::use_draft_of(
            key,
            move || Typed {
                kind: d.kind.get(),
                permanent: d.permanent.get(),
                starts: d.starts.get(),
                ends: d.ends.get(),
                justification: d.justification.get(),
            },
            move |t| {
                d.kind.set(t.kind);
                d.permanent.set(t.permanent);
                d.starts.set(t.starts);
                d.ends.set(t.ends);
                d.justification.set(t.justification);
            },
        )
    }

    /// Adds a problem found outside the form's own rules.
    pub fn refuse(&self, field: &'static str, why: String) {
        self.issues.update(|i| i.push((field, why)));
    }

    /// The problem with `field`, if any (reactive).
    pub fn error(&self, field: &'static str) -> Option<String> {
        self.issues
            .with(|i| i.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    }
}

/// "The role settings allow at most 180 days." for the chosen type.
pub fn max_note(settings: &AssignmentSettings, kind: Kind) -> String {
    max_minutes(settings, kind).map_or(
        "The role settings allow permanent assignments of this type.".to_owned(),
        |m| format!("The role settings allow at most {}.", duration(m)),
    )
}
