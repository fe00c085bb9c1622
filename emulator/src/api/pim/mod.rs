//! PIM for Groups: requests, schedules, instances, approvals, and the engine that enforces policy.

pub mod decisions;
pub mod engine;
pub mod json;
pub mod lifecycle;
pub mod routes;
pub mod timeline;
