//! Settings as a file (`pim-group-settings.v1`): a group's Member and Owner settings in the
//! domain's words, people by id *and* name, rules the app does not know carried verbatim; read
//! back with every problem named by its place in the file; and the differences between two
//! settings, rule by rule, for the import preview and Compare.

use super::duration;
use super::settings::{
    ActivationSettings, Approver, AssignmentSettings, NotificationSetting, OnActivation,
    RoleSettings, NOTIFICATION_RULES,
};
use super::wording::{NOTIFICATION_ROWS, NOTIFICATION_SECTIONS};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The schema every file names; `public/schema/pim-group-settings.v1.json` describes it.
pub const SCHEMA: &str = "/schema/pim-group-settings.v1.json";

/// The group a file was exported from (absent in a template).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRef {
    pub id: String,
    #[serde(default)]
    pub display_name: String,
}

/// A person or group named in settings: by id, and by name and UPN for people to read and for
/// another tenant (an id that doesn't resolve falls back to the UPN).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    /// `user` or `group`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user_principal_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivationFile {
    pub maximum_duration: String,
    /// `none`, `mfa` or `authenticationContext`.
    pub require: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_context: Option<String>,
    pub justification: bool,
    pub ticket: bool,
    pub approval: bool,
    #[serde(default)]
    pub approvers: Vec<PersonRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignmentFile {
    /// `null`: permanent eligible assignments are allowed.
    pub eligible_maximum_duration: Option<String>,
    pub active_maximum_duration: Option<String>,
    pub mfa_on_active: bool,
    pub justification_on_active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationFile {
    /// The policy rule's id (`Notification_Admin_Admin_Eligibility`...).
    pub rule: String,
    /// The portal's words for it, for people reading the file.
    #[serde(default)]
    pub label: String,
    pub default_recipients: bool,
    #[serde(default)]
    pub additional_recipients: Vec<String>,
    pub critical_only: bool,
}

/// One role's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleFile {
    pub activation: ActivationFile,
    pub assignment: AssignmentFile,
    pub notifications: Vec<NotificationFile>,
    /// Rules of types the app does not know, exactly as Graph sent them; never written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_rules: Vec<Value>,
}

/// A whole file: one group's settings, or a template (no group) for many.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<RoleFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<RoleFile>,
}

/// The portal's label of notification rule `i` (section: row).
pub fn notification_label(i: usize) -> String {
    format!(
        "{}: {}",
        NOTIFICATION_SECTIONS[i / 3],
        NOTIFICATION_ROWS[i / 3][i % 3]
    )
}

fn iso_or_permanent(m: Option<u32>) -> Option<String> {
    m.map(duration::iso)
}

/// One role's settings as a file; `person` names an approver.
pub fn role_file(
    s: &RoleSettings,
    other_rules: Vec<Value>,
    person: &dyn Fn(&Approver) -> PersonRef,
) -> RoleFile {
    let (require, context) = match &s.activation.require {
        OnActivation::None => ("none", None),
        OnActivation::Mfa => ("mfa", None),
        OnActivation::AuthContext(c) => ("authenticationContext", Some(c.clone())),
    };
    RoleFile {
        activation: ActivationFile {
            maximum_duration: duration::iso(s.activation.max_minutes),
            require: require.into(),
            authentication_context: context,
            justification: s.activation.justification,
            ticket: s.activation.ticket,
            approval: s.activation.approval,
            approvers: s.activation.approvers.iter().map(person).collect(),
        },
        assignment: AssignmentFile {
            eligible_maximum_duration: iso_or_permanent(s.assignment.eligible_max_minutes),
            active_maximum_duration: iso_or_permanent(s.assignment.active_max_minutes),
            mfa_on_active: s.assignment.mfa_on_active,
            justification_on_active: s.assignment.justification_on_active,
        },
        notifications: s
            .notifications
            .iter()
            .enumerate()
            .map(|(i, n)| NotificationFile {
                rule: NOTIFICATION_RULES[i].into(),
                label: notification_label(i),
                default_recipients: n.default_recipients,
                additional_recipients: n.additional.clone(),
                critical_only: n.critical_only,
            })
            .collect(),
        other_rules,
    }
}

/// Reads a file; a problem names where it is (line and column, or the field).
pub fn read(text: &str) -> Result<SettingsFile, String> {
    let text = text.trim_start_matches('\u{feff}');
    let file: SettingsFile = serde_json::from_str(text).map_err(|e| {
        format!(
            "The file is not a settings file: {e} (line {}, column {}).",
            e.line(),
            e.column()
        )
    })?;
    if !file.schema.ends_with("pim-group-settings.v1.json") {
        return Err(format!(
            "The file names the schema \"{}\"; this app reads pim-group-settings.v1.json.",
            file.schema
        ));
    }
    if file.member.is_none() && file.owner.is_none() {
        return Err("The file has neither Member nor Owner settings.".into());
    }
    Ok(file)
}

/// What the directory says of a person a file names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The approver, and their name as the directory gives it.
    Here(Approver, String),
    /// No such person here: said, and left out.
    Missing,
    /// The directory could not be asked (why): nothing from the file may be written.
    Unread(String),
}

/// What resolving the people of a file found.
pub type Resolve<'a> = &'a dyn Fn(&PersonRef) -> Found;

/// A role file as settings. People are resolved by `resolve`; those it cannot find are listed,
/// never dropped silently. Every other problem names the field.
pub fn settings_of(
    role: &str,
    f: &RoleFile,
    resolve: Resolve,
) -> Result<(RoleSettings, Vec<String>), Vec<String>> {
    let mut problems = vec![];
    let minutes = |field: &str, v: &str, problems: &mut Vec<String>| {
        duration::minutes(v).filter(|m| *m > 0).or_else(|| {
            problems.push(format!(
                "{role}: {field} \"{v}\" is not a duration such as PT8H or P365D."
            ));
            None
        })
    };
    let max_minutes = minutes(
        "activation.maximumDuration",
        &f.activation.maximum_duration,
        &mut problems,
    )
    .unwrap_or(0);
    let require = match (
        f.activation.require.as_str(),
        &f.activation.authentication_context,
    ) {
        ("none", _) => OnActivation::None,
        ("mfa", _) => OnActivation::Mfa,
        ("authenticationContext", Some(c)) if !c.trim().is_empty() => {
            OnActivation::AuthContext(c.trim().to_owned())
        }
        ("authenticationContext", _) => {
            problems.push(format!("{role}: activation.require is authenticationContext but no authenticationContext is named."));
            OnActivation::None
        }
        (other, _) => {
            problems.push(format!(
                "{role}: activation.require \"{other}\" is not none, mfa or authenticationContext."
            ));
            OnActivation::None
        }
    };
    let mut optional = |field: &str, v: &Option<String>| match v {
        None => None,
        Some(v) => minutes(field, v, &mut problems),
    };
    let eligible = optional(
        "assignment.eligibleMaximumDuration",
        &f.assignment.eligible_maximum_duration,
    );
    let active = optional(
        "assignment.activeMaximumDuration",
        &f.assignment.active_maximum_duration,
    );
    let mut notifications = vec![];
    for (i, id) in NOTIFICATION_RULES.iter().enumerate() {
        match f
            .notifications
            .iter()
            .find(|n| n.rule.eq_ignore_ascii_case(id))
        {
            Some(n) => notifications.push(NotificationSetting {
                default_recipients: n.default_recipients,
                additional: n.additional_recipients.clone(),
                critical_only: n.critical_only,
            }),
            None => problems.push(format!(
                "{role}: notifications has no {id} ({}).",
                notification_label(i)
            )),
        }
    }
    for n in &f.notifications {
        if !NOTIFICATION_RULES
            .iter()
            .any(|id| id.eq_ignore_ascii_case(&n.rule))
        {
            problems.push(format!(
                "{role}: notifications names an unknown rule \"{}\".",
                n.rule
            ));
        }
    }
    let mut approvers = vec![];
    let mut unresolved = vec![];
    for p in &f.activation.approvers {
        match resolve(p) {
            Found::Here(a, _) => approvers.push(a),
            Found::Unread(why) => problems.push(format!("{role}: {why}")),
            Found::Missing => {
                unresolved.push(format!(
                "{role}: approver {} could not be found in this directory (by id {}, then by {}).",
                if p.display_name.is_empty() { &p.id } else { &p.display_name },
                if p.id.is_empty() { "—" } else { &p.id },
                if p.user_principal_name.is_empty() { "name" } else { &p.user_principal_name }
            ))
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let conflicting_requirements = false;
    Ok((
        RoleSettings {
            activation: ActivationSettings {
                max_minutes,
                require,
                justification: f.activation.justification,
                ticket: f.activation.ticket,
                approval: f.activation.approval,
                approvers,
            },
            assignment: AssignmentSettings {
                eligible_max_minutes: eligible,
                active_max_minutes: active,
                mfa_on_active: f.assignment.mfa_on_active,
                justification_on_active: f.assignment.justification_on_active,
            },
            notifications,
            conflicting_requirements,
        },
        unresolved,
    ))
}

/// One setting that differs: where (the portal's words) and both values, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub setting: String,
    pub before: String,
    pub after: String,
}

fn hours(m: u32) -> String {
    super::wording::duration(m)
}

fn limit(m: Option<u32>) -> String {
    m.map_or_else(
        || "Permanent allowed".to_owned(),
        |m| format!("Expire after {}", hours(m)),
    )
}

fn require_text(r: &OnActivation) -> String {
    match r {
        OnActivation::None => "None".into(),
        OnActivation::Mfa => "Azure MFA".into(),
        OnActivation::AuthContext(c) => format!("Authentication context {c}"),
    }
}

fn approvers_text(a: &[Approver], name: &dyn Fn(&Approver) -> String) -> String {
    if a.is_empty() {
        return "None".into();
    }
    let mut names: Vec<String> = a.iter().map(name).collect();
    names.sort();
    names.join(", ")
}

fn recipients_text(n: &NotificationSetting) -> String {
    let mut parts = vec![if n.default_recipients {
        "Default recipients"
    } else {
        "No default recipients"
    }
    .to_owned()];
    if !n.additional.is_empty() {
        parts.push(n.additional.join(", "));
    }
    if n.critical_only {
        parts.push("critical emails only".into());
    }
    parts.join("; ")
}

/// Every setting that differs between `a` and `b`, in the settings page's order; `name` names an
/// approver for people.
pub fn differences(
    a: &RoleSettings,
    b: &RoleSettings,
    name: &dyn Fn(&Approver) -> String,
) -> Vec<Difference> {
    let mut out = vec![];
    let mut add = |setting: &str, x: String, y: String| {
        if x != y {
            out.push(Difference {
                setting: setting.to_owned(),
                before: x,
                after: y,
            });
        }
    };
    let yes = |b: bool| super::wording::yes_no(b).to_owned();
    let (x, y) = (&a.activation, &b.activation);
    add(
        "Activation maximum duration",
        hours(x.max_minutes),
        hours(y.max_minutes),
    );
    add(
        "On activation, require",
        require_text(&x.require),
        require_text(&y.require),
    );
    add(
        "Require justification on activation",
        yes(x.justification),
        yes(y.justification),
    );
    add(
        "Require ticket information on activation",
        yes(x.ticket),
        yes(y.ticket),
    );
    add(
        "Require approval to activate",
        yes(x.approval),
        yes(y.approval),
    );
    let sorted = |v: &[Approver]| approvers_text(v, name);
    let (ax, ay) = (sorted(&x.approvers), sorted(&y.approvers));
    add("Approvers", ax, ay);
    let (x, y) = (&a.assignment, &b.assignment);
    add(
        "Eligible assignments",
        limit(x.eligible_max_minutes),
        limit(y.eligible_max_minutes),
    );
    add(
        "Active assignments",
        limit(x.active_max_minutes),
        limit(y.active_max_minutes),
    );
    add(
        "Require Azure Multi-Factor Authentication on active assignment",
        yes(x.mfa_on_active),
        yes(y.mfa_on_active),
    );
    add(
        "Require justification on active assignment",
        yes(x.justification_on_active),
        yes(y.justification_on_active),
    );
    for (i, (n, m)) in a.notifications.iter().zip(&b.notifications).enumerate() {
        add(
            &notification_label(i),
            recipients_text(n),
            recipients_text(m),
        );
    }
    out
}

/// The settings a group's role has that differ from a template's, by the portal's names.
pub fn drift(template: &RoleSettings, current: &RoleSettings) -> Vec<String> {
    let id = |a: &Approver| {
        let (Approver::User(id) | Approver::Group(id)) = a;
        id.clone()
    };
    differences(template, current, &id)
        .into_iter()
        .map(|d| d.setting)
        .collect()
}

#[cfg(test)]
mod tests;
