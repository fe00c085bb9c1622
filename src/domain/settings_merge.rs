//! Three-way merge of role settings: the editor's own changes laid over the policy as it is now.
//!
//! The editor keeps the settings it started from (`base`) beside the edited ones (`mine`). On
//! Update the policy is read again (`theirs`): a setting only this user changed is taken from
//! `mine`, one only someone else changed keeps theirs, and one both changed differently is a
//! conflict the user settles before anything is sent. So another admin's change is never undone.

use super::settings::RoleSettings;
use super::settings_file::{differences, Difference};

type Same = Box<dyn Fn(&RoleSettings, &RoleSettings) -> bool>;
type Take = Box<dyn Fn(&mut RoleSettings, &RoleSettings)>;

/// One setting of the settings page, as the merge sees it.
struct Field {
    same: Same,
    take: Take,
}

macro_rules! field {
    ($($path:ident).+) => {
        Field {
            same: Box::new(|a, b| a.$($path).+ == b.$($path).+),
            take: Box::new(|to, from| to.$($path).+ = from.$($path).+.clone()),
        }
    };
}

/// Every setting the editor changes, one by one (the same settings `differences` names).
fn fields(notifications: usize) -> Vec<Field> {
    let mut all = vec![
        field!(activation.max_minutes),
        field!(activation.require),
        field!(activation.justification),
        field!(activation.ticket),
        field!(activation.approval),
        field!(activation.approvers),
        field!(assignment.eligible_max_minutes),
        field!(assignment.active_max_minutes),
        field!(assignment.mfa_on_active),
        field!(assignment.justification_on_active),
    ];
    for i in 0..notifications {
        all.push(Field {
            same: Box::new(move |a, b| a.notifications.get(i) == b.notifications.get(i)),
            take: Box::new(move |to, from| {
                if let (Some(t), Some(f)) = (to.notifications.get_mut(i), from.notifications.get(i))
                {
                    *t = f.clone();
                }
            }),
        });
    }
    all
}

fn count(s: &RoleSettings) -> usize {
    s.notifications.len()
}

/// A setting both this user and someone else changed, to different values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The setting's place in the merge, to settle it by.
    pub field: usize,
    /// The setting's name and both values: `before` is the policy's now, `after` this user's.
    pub shown: Difference,
}

/// What to do with a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The value the policy holds now.
    Current,
    /// This user's value.
    Mine,
}

/// The settings both changed differently, named as the settings page names them.
pub fn conflicts(
    base: &RoleSettings,
    mine: &RoleSettings,
    theirs: &RoleSettings,
    name: &dyn Fn(&super::settings::Approver) -> String,
) -> Vec<Conflict> {
    fields(count(base))
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            !(f.same)(base, mine) && !(f.same)(base, theirs) && !(f.same)(mine, theirs)
        })
        .filter_map(|(i, f)| {
            // Theirs with only this setting changed to mine: `differences` names exactly it.
            let mut only = theirs.clone();
            (f.take)(&mut only, mine);
            let shown = differences(theirs, &only, name).into_iter().next()?;
            Some(Conflict { field: i, shown })
        })
        .collect()
}

/// The policy as it should be: theirs, with every setting this user changed taken from mine.
/// Call it once `conflicts` is empty; a conflicting setting would be taken from mine.
pub fn merged(base: &RoleSettings, mine: &RoleSettings, theirs: &RoleSettings) -> RoleSettings {
    let mut out = theirs.clone();
    for f in fields(count(base)) {
        if !(f.same)(base, mine) {
            (f.take)(&mut out, mine);
        }
    }
    out
}

/// Settles a conflict by moving `base` to the policy's current value, so the setting no longer
/// conflicts: keeping the current value also puts it in `mine`, so nothing is sent for it.
pub fn settle(
    base: &mut RoleSettings,
    mine: &mut RoleSettings,
    theirs: &RoleSettings,
    field: usize,
    keep: Keep,
) {
    let all = fields(count(base));
    let Some(f) = all.get(field) else { return };
    (f.take)(base, theirs);
    if keep == Keep::Current {
        (f.take)(mine, theirs);
    }
}

#[cfg(test)]
mod tests;
