//! entra-emulator: a local stand-in for Entra ID sign-in and the Graph endpoints pim-groups uses.
//! It shares no code with the app, so a wrong field name in the app fails a test.

pub mod api;
pub mod apps;
mod audit;
pub mod caller;
pub mod clock;
mod control;
pub mod differ;
pub mod error;
mod history;
pub mod identity;
mod notify;
pub mod policy;
pub mod reviews;
mod seed;
pub mod state;
pub mod tenant;

use axum::response::Html;
use axum::routing::get;
use axum::Router;
use state::World;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tenant::Tenant;
use tokio::net::TcpListener;

/// How to start an emulator.
#[derive(Clone, Debug)]
pub struct Options {
    /// Address to listen on; loopback unless told otherwise.
    pub bind: SocketAddr,
    /// The app's origin: where emails link to and the redirect URI accepted.
    pub app_url: String,
    /// The tenant to serve.
    pub tenant: Tenant,
    /// Server-driven page size for every collection (Graph's is 100); small values force paging.
    pub page_size: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            app_url: "http://127.0.0.1:8080".into(),
            tenant: Tenant::demo(),
            page_size: None,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct Shared {
    world: Arc<Mutex<World>>,
    pub keys: Arc<identity::keys::Keys>,
    tenant: Arc<Tenant>,
    base: Arc<OnceLock<String>>,
    router: Arc<OnceLock<Router>>,
    /// 0 for Graph's own page sizes; otherwise the most items one page of any collection holds.
    page_size: Arc<std::sync::atomic::AtomicUsize>,
}

impl Shared {
    /// The world, with the clock's consequences applied (schedules ending, approvals expiring).
    pub fn world(&self) -> MutexGuard<'_, World> {
        let mut w = self.world.lock().unwrap_or_else(|p| p.into_inner());
        api::pim::decisions::tick(&mut w);
        w
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.base.get().cloned().unwrap_or_default()
    }

    /// The page-size ceiling set by `--page-size` or `/_emulator/page-size`, if any.
    pub fn page_size(&self) -> Option<usize> {
        match self.page_size.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            n => Some(n),
        }
    }

    pub fn set_page_size(&self, size: Option<usize>) {
        self.page_size
            .store(size.unwrap_or(0), std::sync::atomic::Ordering::Relaxed);
    }

    fn router(&self) -> Router {
        self.router.get().cloned().expect("set at start")
    }
}

/// A running emulator.
pub struct Running {
    pub addr: SocketAddr,
    pub shared: Shared,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

fn build(shared: &Shared) -> Router {
    Router::new()
        .route("/", get(home))
        .merge(identity::routes())
        .merge(api::routes())
        .merge(control::routes())
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            api::layer,
        ))
        .with_state(shared.clone())
}

async fn not_found(uri: axum::http::Uri) -> error::ApiError {
    let segment = uri.path().rsplit('/').next().unwrap_or("").to_owned();
    error::ApiError::new(
        400,
        "BadRequest",
        format!("Resource not found for the segment '{segment}'."),
    )
}

/// Graph answers a method a resource does not take with 405 and its usual JSON error body.
async fn method_not_allowed() -> error::ApiError {
    error::ApiError::new(
        405,
        "Request_BadRequest",
        "Specified HTTP method is not allowed for the request target.",
    )
}

async fn home(axum::extract::State(s): axum::extract::State<Shared>) -> Html<String> {
    let w = s.world();
    let people: String = w
        .tenant
        .users
        .iter()
        .filter(|u| u.demo)
        .map(|u| {
            format!(
                "<li>{} ({})</li>",
                identity::pages::esc(&u.display_name),
                identity::pages::esc(&u.user_principal_name)
            )
        })
        .collect();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>entra-emulator</title><link rel=\"icon\" href=\"data:,\"></head><body>\
         <h1>entra-emulator</h1><p>A local stand-in for Entra ID and Microsoft Graph for tenant {} ({}), serving the app at \
         <a href=\"{app}\">{app}</a>.</p><h2>Demo people</h2><ul>{people}</ul>\
         <p><a href=\"/_emulator/outbox\">Outbox</a></p></body></html>",
        identity::pages::esc(&w.tenant.display_name), w.tenant.id, app = identity::pages::esc(&w.app_url)
    ))
}

/// Binds and serves in the background.
pub async fn spawn(options: Options) -> std::io::Result<Running> {
    let listener = TcpListener::bind(options.bind).await?;
    let addr = listener.local_addr()?;
    let shared = Shared {
        world: Arc::new(Mutex::new(World::new(
            options.tenant.clone(),
            &options.app_url,
        ))),
        keys: Arc::new(identity::keys::Keys::load()),
        tenant: Arc::new(options.tenant),
        base: Arc::new(OnceLock::new()),
        router: Arc::new(OnceLock::new()),
        page_size: Arc::new(options.page_size.unwrap_or(0).into()),
    };
    let _ = shared.base.set(format!("http://{addr}"));
    let app = build(&shared);
    let _ = shared.router.set(app.clone());
    let (shutdown, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        addr,
        shared,
        shutdown,
        task,
    })
}
