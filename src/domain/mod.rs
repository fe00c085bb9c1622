//! PIM rules as pure Rust: role settings, validation, schedules; no browser or UI code here.

pub mod activation;
pub mod approval;
pub mod approvers;
pub mod assign_form;
pub mod assignments;
pub mod audit;
pub mod bulk;
pub mod dashboard;
pub mod duration;
pub mod ending;
pub mod grants;
pub mod group_form;
pub mod history;
pub mod in_effect;
pub mod managed;
pub mod owners;
pub mod principals;
pub mod readback;
pub mod recipients;
pub mod reviews;
pub mod settings;
pub mod settings_file;
pub mod stamp;
pub mod validate;
pub mod wording;
