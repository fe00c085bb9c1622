//! PIM for Groups: schedule requests, schedules, instances, approvals.

use super::{graph_enum, null_as_empty};
use serde::{Deserialize, Serialize};

graph_enum!(
    /// `privilegedAccessGroupRelationships`: membership or ownership.
    AccessId { Member => "member", Owner => "owner" }
);
graph_enum!(
    /// `scheduleRequestActions`.
    ScheduleRequestAction {
        AdminAssign => "adminAssign", AdminUpdate => "adminUpdate", AdminRemove => "adminRemove",
        SelfActivate => "selfActivate", SelfDeactivate => "selfDeactivate", AdminExtend => "adminExtend",
        AdminRenew => "adminRenew", SelfExtend => "selfExtend", SelfRenew => "selfRenew",
    }
);
graph_enum!(
    /// `privilegedAccessGroupAssignmentType`: assigned by an admin, or activated by the user.
    AssignmentType { Assigned => "assigned", Activated => "activated" }
);
graph_enum!(
    /// `privilegedAccessGroupMemberType`: direct, or through a group.
    MemberType { Direct => "direct", Group => "group" }
);
graph_enum!(
    /// `expirationPatternType`.
    ExpirationType { NotSpecified => "notSpecified", NoExpiration => "noExpiration", AfterDateTime => "afterDateTime", AfterDuration => "afterDuration" }
);

/// `expirationPattern`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Expiration {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExpirationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
}

/// `requestSchedule` (recurrence is not supported by PIM).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestSchedule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Expiration>,
}

/// `ticketInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketInfo {
    #[serde(default)]
    pub ticket_number: Option<String>,
    #[serde(default)]
    pub ticket_system: Option<String>,
}

/// `identity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `identitySet`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentitySet {
    #[serde(default)]
    pub user: Option<Identity>,
    #[serde(default)]
    pub application: Option<Identity>,
}

/// `privilegedAccessGroupAssignmentScheduleRequest` and `...EligibilityScheduleRequest` (the
/// eligibility one has no `activatedUsing`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivilegedAccessGroupScheduleRequest {
    pub id: String,
    pub status: String,
    pub access_id: AccessId,
    pub principal_id: String,
    pub group_id: String,
    #[serde(default)]
    pub action: Option<ScheduleRequestAction>,
    #[serde(default)]
    pub justification: Option<String>,
    #[serde(default)]
    pub schedule_info: Option<RequestSchedule>,
    #[serde(default)]
    pub ticket_info: Option<TicketInfo>,
    #[serde(default)]
    pub approval_id: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub completed_date_time: Option<String>,
    #[serde(default)]
    pub created_by: Option<IdentitySet>,
    #[serde(default)]
    pub target_schedule_id: Option<String>,
    #[serde(default)]
    pub is_validation_only: Option<bool>,
    #[serde(default)]
    pub custom_data: Option<String>,
}

/// The body of a new schedule request.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewScheduleRequest {
    pub access_id: AccessId,
    pub principal_id: String,
    pub group_id: String,
    pub action: ScheduleRequestAction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_info: Option<RequestSchedule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_info: Option<TicketInfo>,
}

/// `privilegedAccessGroupEligibilitySchedule` / `...AssignmentSchedule`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivilegedAccessGroupSchedule {
    pub id: Option<String>,
    pub access_id: AccessId,
    pub principal_id: String,
    pub group_id: String,
    #[serde(default)]
    pub member_type: Option<MemberType>,
    #[serde(default)]
    pub assignment_type: Option<AssignmentType>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub schedule_info: Option<RequestSchedule>,
    #[serde(default)]
    pub created_using: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub modified_date_time: Option<String>,
}

/// Who a schedule is for and in which role: all that a list of holders reads of one (its decoder
/// is a fraction of the whole schedule's, on the page a review email opens).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleHolder {
    pub access_id: AccessId,
    pub principal_id: String,
}

/// `privilegedAccessGroupEligibilityScheduleInstance` / `...AssignmentScheduleInstance`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivilegedAccessGroupScheduleInstance {
    pub id: String,
    pub access_id: AccessId,
    pub principal_id: String,
    pub group_id: String,
    #[serde(default)]
    pub start_date_time: Option<String>,
    #[serde(default)]
    pub end_date_time: Option<String>,
    #[serde(default)]
    pub member_type: Option<MemberType>,
    #[serde(default)]
    pub assignment_type: Option<AssignmentType>,
    #[serde(default)]
    pub assignment_schedule_id: Option<String>,
    #[serde(default)]
    pub eligibility_schedule_id: Option<String>,
}

/// `approval` (v1.0 has `stages`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Approval {
    pub id: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub stages: Vec<ApprovalStage>,
}

/// `approvalStage`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalStage {
    pub id: String,
    #[serde(default)]
    pub assigned_to_me: Option<bool>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub justification: Option<String>,
    #[serde(default)]
    pub reviewed_by: Option<Identity>,
    #[serde(default)]
    pub reviewed_date_time: Option<String>,
    #[serde(default)]
    pub review_result: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// A PIM object with the navigation properties `$expand=principal,group` brings (either may be
/// absent), kept as JSON: a principal is a user or a group.
#[derive(Clone, Debug)]
pub struct Expanded<T> {
    pub item: T,
    pub principal: Option<serde_json::Value>,
    pub group: Option<serde_json::Value>,
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Expanded<T> {
    /// Read as JSON, the two navigation properties taken out, the rest read as `T`. Not
    /// `#[serde(flatten)]`: that buffers every field through serde's private `Content` and
    /// compiles a second decoder of `T` for it (22 KB of My roles' module for the requests alone).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut v = serde_json::Value::deserialize(d)?;
        let mut take = |key: &str| {
            v.as_object_mut()
                .and_then(|m| m.remove(key))
                .filter(|x| !x.is_null())
        };
        let (principal, group) = (take("principal"), take("group"));
        let item = T::deserialize(v).map_err(serde::de::Error::custom)?;
        Ok(Expanded {
            item,
            principal,
            group,
        })
    }
}

impl<T> Expanded<T> {
    /// The expanded group's name, or `id` when Graph sent none.
    pub fn group_name(&self, id: &str) -> String {
        self.group
            .as_ref()
            .and_then(|g| g["displayName"].as_str())
            .unwrap_or(id)
            .to_owned()
    }

    /// The expanded principal's name, or `id` when Graph sent none.
    pub fn principal_name(&self, id: &str) -> String {
        self.principal
            .as_ref()
            .and_then(|p| p["displayName"].as_str())
            .unwrap_or(id)
            .to_owned()
    }
}
