//! entra-emulator: a local stand-in for Entra ID sign-in and the Graph endpoints pim-groups uses.
//! It shares no code with the app, so a wrong field name in the app fails a test.

use axum::response::Html;
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// How to start an emulator.
#[derive(Clone, Debug)]
pub struct Options {
    /// Address to listen on; loopback unless told otherwise.
    pub bind: SocketAddr,
    /// The app's origin: where emails link to and the redirect URI accepted.
    pub app_url: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            app_url: "http://127.0.0.1:8080".into(),
        }
    }
}

/// A running emulator; dropping the handle does not stop it, `shutdown` does.
pub struct Running {
    /// The address actually bound (useful with port 0).
    pub addr: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting requests and waits for the server to end.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

/// Every route the emulator answers.
pub fn router(options: &Options) -> Router {
    let app_url = options.app_url.clone();
    Router::new().route("/", get(move || home(app_url.clone())))
}

async fn home(app_url: String) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>entra-emulator</title></head>\
         <body><h1>entra-emulator</h1><p>A local stand-in for Entra ID and Microsoft Graph, serving the app at \
         <a href=\"{app_url}\">{app_url}</a>.</p></body></html>"
    ))
}

/// Binds and serves in the background.
pub async fn spawn(options: Options) -> std::io::Result<Running> {
    let listener = TcpListener::bind(options.bind).await?;
    let addr = listener.local_addr()?;
    let app = router(&options);
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
        shutdown,
        task,
    })
}
