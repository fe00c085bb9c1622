//! Directory audit logs (`/auditLogs/directoryAudits`), read a page at a time.

use super::call::Call;
use super::model::{DirectoryAudit, Page};
use super::request::GraphRequest;

/// Audit entries matching `filter`, `top` a page.
/// HTTP GET /auditLogs/directoryAudits?$filter={filter}&$top={top}
/// <https://learn.microsoft.com/graph/api/directoryaudit-list>
pub fn list_directory_audits(filter: &str, top: u32) -> Call<Page<DirectoryAudit>> {
    Call::new(
        GraphRequest::get("/auditLogs/directoryAudits")
            .query("$filter", filter)
            .query("$top", &top.to_string()),
    )
}
