//! Benchmark: how fast the emulator lists 1,000 groups of the large tenant (50,000 users,
//! 10,000 groups, 100,000 assignments). Prints figures; asserts nothing.

use entra_emulator::tenant::Tenant;
use entra_emulator::{spawn, Options};
use serde_json::json;
use std::time::Instant;

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let tenant = Tenant::load("large").expect("large tenant");
    let (users, groups, assignments) = (
        tenant.users.len(),
        tenant.groups.len(),
        tenant.assignments.len(),
    );
    let running = spawn(Options {
        tenant,
        ..Options::default()
    })
    .await
    .expect("starts");
    println!("emulator_large_tenant_load_ms {} ({users} users, {groups} groups, {assignments} assignments)", started.elapsed().as_millis());
    let (tid, now) = {
        let w = running.shared.world();
        (w.tenant.id.clone(), w.now().timestamp())
    };
    let token = running.shared.keys.sign(&json!({
        "aud": "https://graph.microsoft.com", "tid": tid, "oid": "31ff0c2d-6046-4cf2-8dab-0ad1735f8e7f",
        "scp": "Group.Read.All", "amr": ["pwd", "mfa"], "iat": now, "nbf": now, "exp": now + 3600,
    }));
    let http = reqwest::Client::new();
    let url = format!(
        "{}/v1.0/groups?$top=999&$select=id,displayName,groupTypes,isAssignableToRole",
        running.base_url()
    );
    let mut times = vec![];
    for _ in 0..11 {
        let t = Instant::now();
        let res = http
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .expect("answers");
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.expect("json");
        assert_eq!(body["value"].as_array().map(Vec::len), Some(999));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    println!(
        "emulator_list_999_groups_ms_median {:.1}",
        times[times.len() / 2]
    );
    println!("emulator_list_999_groups_ms_min {:.1}", times[0]);
    running.shutdown().await;
}
