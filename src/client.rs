//! The Graph client the blades use, signed in through the session: `Graph` and `use_graph()`.

use crate::auth::session::Session;
use crate::graph::client::GraphClient;

/// The Graph client every blade reads and writes with.
pub type Graph = GraphClient<Session>;

/// The app's Graph client, provided once in `app.rs`.
pub fn use_graph() -> Graph {
    leptos::prelude::expect_context::<Graph>()
}
