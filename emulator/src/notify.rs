//! The emails PIM sends under a group policy's notification rules, kept in the outbox.

use crate::clock::ts;
use crate::policy::rule;
use crate::state::{Email, Kind, Request, World};
use crate::tenant::roles::{GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN};

fn mail_of(world: &World, id: &str) -> Vec<String> {
    if let Some(u) = world.user(id) {
        return u.mail.clone().into_iter().collect();
    }
    world
        .group(id)
        .map(|g| g.members.iter().flat_map(|m| mail_of(world, m)).collect())
        .unwrap_or_default()
}

fn admins(world: &World) -> Vec<String> {
    world
        .tenant
        .role_assignments
        .iter()
        .filter(|a| {
            !a.eligible
                && (a.role_definition_id == GLOBAL_ADMIN
                    || a.role_definition_id == PRIVILEGED_ROLE_ADMIN)
        })
        .flat_map(|a| mail_of(world, &a.principal_id))
        .collect()
}

/// What an email is about: a role of a group, and the request behind it if there is one.
struct About {
    group_id: String,
    access_id: String,
    request_id: Option<String>,
}

impl From<&Request> for About {
    fn from(r: &Request) -> About {
        About {
            group_id: r.group_id.clone(),
            access_id: r.access_id.clone(),
            request_id: Some(r.id.clone()),
        }
    }
}

/// Sends under one rule: its default recipients (if on) plus its additional ones.
fn send(
    world: &mut World,
    r: impl Into<About>,
    rule_id: &str,
    defaults: Vec<String>,
    subject: String,
    body: String,
    link: Option<String>,
) {
    let r: About = r.into();
    let Some(policy) = world
        .policies
        .get(&(r.group_id.clone(), r.access_id.clone()))
    else {
        return;
    };
    let rules = &policy.rules;
    let n = rule(rules, rule_id);
    if n["notificationLevel"] == "None" {
        return;
    }
    // "Critical emails only": Microsoft sends only the emails that need someone to act (a
    // request to approve); here those are the ones carrying a link to the request.
    if n["notificationLevel"] == "Critical" && link.is_none() {
        return;
    }
    let mut to: Vec<String> = if n["isDefaultRecipientsEnabled"] == false {
        vec![]
    } else {
        defaults
    };
    to.extend(
        n["notificationRecipients"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned)),
    );
    to.sort();
    to.dedup();
    if to.is_empty() {
        return;
    }
    let email = Email {
        id: uuid::Uuid::new_v4().to_string(),
        to,
        subject,
        body,
        link,
        rule: rule_id.into(),
        request_id: r.request_id.clone(),
        sent_date_time: ts(world.now()),
    };
    world.outbox.push(email);
}

fn names(world: &World, r: &Request) -> (String, String) {
    let group = world
        .group(&r.group_id)
        .map(|g| g.display_name.clone())
        .unwrap_or_default();
    let who = world
        .user(&r.principal_id)
        .map(|u| u.display_name.clone())
        .or_else(|| world.group(&r.principal_id).map(|g| g.display_name.clone()))
        .unwrap_or_default();
    (group, who)
}

/// An assignment was made or an activation granted.
pub fn on_assignment(world: &mut World, r: &Request) {
    let (group, who) = names(world, r);
    let (level, caller, what) = match (r.kind, r.action.as_str()) {
        (Kind::Assignment, "selfActivate") => ("EndUser_Assignment", "activated", "activated"),
        (Kind::Eligibility, _) => ("Admin_Eligibility", "assigned as eligible", "eligible"),
        (Kind::Assignment, _) => ("Admin_Assignment", "assigned as active", "active"),
    };
    let role = &r.access_id;
    let admin_list = admins(world);
    send(
        world,
        r,
        &format!("Notification_Admin_{level}"),
        admin_list,
        format!("PIM: {who} {caller} the {role} role of {group}"),
        format!(
            "{who} has the {role} role of {group} ({what}) until {}.",
            r.end.map_or("no end".into(), ts)
        ),
        None,
    );
    let assignee = mail_of(world, &r.principal_id);
    send(
        world,
        r,
        &format!("Notification_Requestor_{level}"),
        assignee,
        format!("PIM: you have the {role} role of {group}"),
        format!(
            "Your {role} role of {group} is {what} until {}.",
            r.end.map_or("no end".into(), ts)
        ),
        None,
    );
}

/// An activation waits for approval: the approvers get a link to the request in the app.
pub fn on_approval_needed(world: &mut World, r: &Request) {
    let (group, who) = names(world, r);
    let approvers: Vec<String> = world
        .approvals
        .get(&r.id)
        .map(|a| a.approvers.clone())
        .unwrap_or_default();
    let to = approvers.iter().flat_map(|a| mail_of(world, a)).collect();
    let link = format!("{}/approvals/{}", world.app_url, r.id);
    let reason = r.justification.clone().unwrap_or_default();
    send(world, r, "Notification_Approver_EndUser_Assignment", to,
         format!("PIM: {who} requests approval to activate {} of {group}", r.access_id),
         format!("{who} asks to activate the {} role of {group}. Reason: {reason}. Review the request: {link}", r.access_id),
         Some(link));
}

/// The requester hears the decision.
pub fn on_decision(world: &mut World, r: &Request, result: &str) {
    let (group, _) = names(world, r);
    let to = mail_of(world, &r.principal_id);
    send(
        world,
        r,
        "Notification_Requestor_EndUser_Assignment",
        to,
        format!(
            "PIM: your request for {} of {group} was {}",
            r.access_id,
            result.to_lowercase()
        ),
        format!(
            "Your request to activate the {} role of {group} was {}.",
            r.access_id,
            result.to_lowercase()
        ),
        None,
    );
}

/// An eligible or active assignment made by an administrator is about to end (14 days and 1 day
/// before) or has ended: the administrators and the assignee hear it, under the rules of its
/// kind (`Notification_*_Admin_Eligibility` or `_Admin_Assignment`).
pub fn on_expiry(world: &mut World, s: &crate::state::Schedule, when: &str) {
    let level = match s.kind {
        Kind::Eligibility => "Admin_Eligibility",
        Kind::Assignment => "Admin_Assignment",
    };
    let what = if s.kind == Kind::Eligibility {
        "eligible"
    } else {
        "active"
    };
    let group = world
        .group(&s.group_id)
        .map(|g| g.display_name.clone())
        .unwrap_or_default();
    let who = world
        .user(&s.principal_id)
        .map(|u| u.display_name.clone())
        .unwrap_or_default();
    let end = s.end.map_or("no end".into(), ts);
    let about = || About {
        group_id: s.group_id.clone(),
        access_id: s.access_id.clone(),
        request_id: None,
    };
    let (subject, body) = if when == "expired" {
        (
            format!(
                "PIM: {who}'s {what} {} role of {group} has expired",
                s.access_id
            ),
            format!(
                "The {what} {} role of {group} held by {who} ended at {end}.",
                s.access_id
            ),
        )
    } else {
        (
            format!("PIM: {who}'s {what} {} role of {group} expires {when}", s.access_id),
            format!("The {what} {} role of {group} held by {who} ends at {end}. An administrator can extend it; {who} can ask to extend it.", s.access_id),
        )
    };
    let admin_list = admins(world);
    send(
        world,
        about(),
        &format!("Notification_Admin_{level}"),
        admin_list,
        subject.clone(),
        body.clone(),
        None,
    );
    let assignee = mail_of(world, &s.principal_id);
    send(
        world,
        about(),
        &format!("Notification_Requestor_{level}"),
        assignee,
        subject,
        body,
        None,
    );
}
