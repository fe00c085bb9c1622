//! Reusable UI with no PIM knowledge: the portal shell, blade frame, theme and notices.

pub mod blade;
pub mod config_error;
pub mod datetime;
pub mod draft;
pub mod error_bar;
pub mod people_picker;
pub mod shell;
pub mod sign_in;
pub mod theme;
