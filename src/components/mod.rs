//! Reusable UI with no PIM knowledge: the portal shell, blade frame and the kit every
//! blade is built from (tabs, fields, data tables, context panes, the load and submit helpers).

pub mod blade;
pub mod command_bar;
pub mod config_error;
pub mod context_pane;
pub mod data_table;
pub mod datetime;
pub mod deferred;
pub mod download;
pub mod draft;
pub mod elsewhere;
pub mod error_bar;
pub mod field;
pub mod file;
pub mod link_sections;
pub mod loaded;
pub mod people_picker;
pub mod route;
pub mod shell;
pub mod sign_in;
pub mod submit;
pub mod tabs;
pub mod text_list;
pub mod tier_gate;
