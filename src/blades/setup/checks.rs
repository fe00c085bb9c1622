//! Running Check setup's parts: each reads Graph with the signed-in user's own token, the
//! permission tiers one after another (each with its own token), and turns answers into checks.

use crate::auth::session::Session;
use crate::client::Graph;
use crate::config::{AppConfig, Tier};
use crate::domain::setup::{self as verdict, Check, Status};
use crate::graph::audit::list_directory_audits;
use crate::graph::call::Call;
use crate::graph::conditional_access::list_authentication_context_class_references;
use crate::graph::directory::{check_member_groups, list_my_license_details};
use crate::graph::error::GraphError;
use crate::graph::model::Page;
use crate::graph::pim::{filter_by_current_user, list_group_resources, Collection, On};
use crate::graph::role_management::list_role_assignments_of;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// The parts of Check setup, each run (and run again) as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Configuration,
    SignIn,
    Licence,
    Roles,
    UserApis,
    AdminApis,
    AuditApis,
    ReviewApis,
}

pub const PARTS: [Part; 8] = [
    Part::Configuration,
    Part::SignIn,
    Part::Licence,
    Part::Roles,
    Part::UserApis,
    Part::AdminApis,
    Part::AuditApis,
    Part::ReviewApis,
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Licence {
    #[serde(default)]
    sku_part_number: String,
    #[serde(default)]
    service_plans: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Eligibility {
    #[serde(default)]
    group_id: String,
}

/// Whether one read answers, its items dropped.
async fn answers<T: DeserializeOwned>(
    graph: &Graph,
    call: Call<Page<T>>,
) -> Result<(), GraphError> {
    graph.call(&call).await.map(|_| ())
}

/// What this part finds now.
pub async fn run(part: Part, graph: Graph, session: Session, cfg: AppConfig) -> Vec<Check> {
    match part {
        Part::Configuration => super::basics::configuration(&cfg).await,
        Part::SignIn => super::basics::sign_in(&session, &cfg).await,
        Part::Licence => vec![
            match graph.call(&list_my_license_details::<Licence>()).await {
                Ok(page) => {
                    let names: Vec<String> =
                        page.value
                            .iter()
                            .flat_map(|l| {
                                let plans = l.service_plans.iter().filter_map(|p| {
                                    p["servicePlanName"].as_str().map(String::from)
                                });
                                std::iter::once(l.sku_part_number.clone()).chain(plans)
                            })
                            .filter(|n| !n.is_empty())
                            .collect();
                    verdict::licence(&names)
                }
                Err(e) => verdict::api("Licence", &Err(e), "User.Read"),
            },
        ],
        Part::Roles => {
            let me = session.account().map(|a| a.object_id).unwrap_or_default();
            match graph.call(&list_role_assignments_of(&me)).await {
                Ok(page) => {
                    let held: Vec<(String, String)> = page
                        .value
                        .into_iter()
                        .map(|a| {
                            let name = a
                                .role_definition
                                .and_then(|d| d.display_name)
                                .unwrap_or_else(|| a.role_definition_id.clone());
                            (a.role_definition_id, name)
                        })
                        .collect();
                    verdict::roles(&held)
                }
                Err(e) => vec![verdict::api(
                    "Your directory roles",
                    &Err(e),
                    "RoleManagement.Read.Directory",
                )],
            }
        }
        Part::UserApis => user_apis(&graph).await,
        Part::AdminApis => in_tier(&session, Tier::Admin, admin_apis(&graph)).await,
        Part::AuditApis => {
            let read = async {
                vec![verdict::api(
                    "Audit log",
                    &answers(&graph, list_directory_audits("loggedByService eq 'PIM'", 1)).await,
                    "AuditLog.Read.All",
                )]
            };
            in_tier(&session, Tier::Audit, read).await
        }
        Part::ReviewApis => {
            let read = async {
                vec![verdict::api(
                    "Access reviews",
                    &answers(
                        &graph,
                        crate::graph::access_reviews::definitions_for_reviewer(),
                    )
                    .await,
                    "AccessReview.ReadWrite.All",
                )]
            };
            in_tier(&session, Tier::Reviews, read).await
        }
    }
}

async fn user_apis(graph: &Graph) -> Vec<Check> {
    let mine = graph
        .call(&filter_by_current_user::<Eligibility>(
            Collection::EligibilitySchedules,
            On::Principal,
            "group",
        ))
        .await;
    let group = mine
        .as_ref()
        .ok()
        .and_then(|p| p.value.first().map(|e| e.group_id.clone()));
    let mut out = vec![verdict::api(
        "PIM for Groups: your eligibilities",
        &mine.map(|_| ()),
        "PrivilegedEligibilitySchedule.Read.AzureADGroup",
    )];
    let contexts = answers(graph, list_authentication_context_class_references()).await;
    out.push(verdict::api(
        "Authentication contexts",
        &contexts,
        "Policy.Read.ConditionalAccess",
    ));
    let Some(g) = group else {
        let none = "Not checked: you are eligible for no group to read it with.";
        out.push(Check::passed("PIM for Groups: role settings", none));
        out.push(Check::passed(
            "Membership in effect (checkMemberGroups)",
            none,
        ));
        return out;
    };
    let settings =
        crate::graph::policies::list_role_management_policy_assignments::<Value>(&g, None, false);
    out.push(verdict::api(
        "PIM for Groups: role settings",
        &answers(graph, settings).await,
        "RoleManagementPolicy.Read.AzureADGroup",
    ));
    let members = graph.call(&check_member_groups(&[g])).await.map(|_| ());
    out.push(verdict::api(
        "Membership in effect (checkMemberGroups)",
        &members,
        "User.Read",
    ));
    out
}

async fn admin_apis(graph: &Graph) -> Vec<Check> {
    let v1 = answers(graph, list_group_resources::<Value>(false)).await;
    let mut out = vec![verdict::api(
        "Groups under PIM (v1.0)",
        &v1,
        "PrivilegedAccess.Read.AzureADGroup",
    )];
    if v1.is_err() {
        let beta = answers(graph, list_group_resources::<Value>(true)).await;
        let mut check = verdict::api(
            "Groups under PIM (beta)",
            &beta,
            "PrivilegedAccess.Read.AzureADGroup",
        );
        if check.status == Status::Passed {
            check.found = "Answers: the groups list uses beta, since v1.0 did not.".into();
        } else {
            check
                .found
                .push_str(" The groups list scans every group instead (slower).");
        }
        out[0].status = if check.status == Status::Passed {
            Status::Warning
        } else {
            Status::Failed
        };
        out.push(check);
    }
    out
}

/// Runs `read` with a token of `tier`, got silently; a tier not granted is said, not tried.
async fn in_tier(
    session: &Session,
    tier: Tier,
    read: impl std::future::Future<Output = Vec<Check>>,
) -> Vec<Check> {
    if session.acquire(&[tier]).await.is_err() {
        return vec![Check {
            name: format!("APIs of the {} tier", tier.name()),
            status: Status::Warning,
            found: "Not checked: this tier's permissions are not granted to you.".into(),
            fix: Some((
                "Grant access on one of its pages, or ask an administrator for admin consent."
                    .into(),
                Some(verdict::PORTAL_CONSENT),
            )),
        }];
    }
    // The page's calls carry this tier's token while its checks run, one tier at a time.
    session.set_tiers_for_now(Some(&[tier]));
    let out = read.await;
    session.set_tiers_for_now(None);
    out
}
