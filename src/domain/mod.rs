//! PIM rules as pure Rust: role settings, validation, schedules; no browser or UI code here.
