//! Command line of the emulator: `--port N --app-url URL [--tenant demo|large|paging|FILE] [--bind IP]
//! [--page-size N]`.

use entra_emulator::{spawn, Options};
use std::net::{IpAddr, SocketAddr};

fn usage() -> ! {
    eprintln!(
        "usage: entra-emulator --port N --app-url URL [--tenant demo|large|paging|FILE] [--bind IP] [--page-size N]"
    );
    std::process::exit(2);
}

fn parse_args() -> Options {
    let mut options = Options::default();
    let mut port = 8081u16;
    let mut ip: IpAddr = [127, 0, 0, 1].into();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--port" => port = value.parse().unwrap_or_else(|_| usage()),
            "--app-url" => options.app_url = value.trim_end_matches('/').to_owned(),
            "--page-size" => {
                options.page_size = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .unwrap_or_else(|| usage()),
                )
            }
            "--bind" => ip = value.parse().unwrap_or_else(|_| usage()),
            "--tenant" => {
                options.tenant = entra_emulator::tenant::Tenant::load(&value).unwrap_or_else(|e| {
                    eprintln!("entra-emulator: cannot load tenant: {e}");
                    std::process::exit(2);
                })
            }
            _ => usage(),
        }
    }
    options.bind = SocketAddr::new(ip, port);
    options
}

#[tokio::main]
async fn main() {
    let options = parse_args();
    let running = match spawn(options).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("entra-emulator: cannot listen: {e}");
            std::process::exit(1);
        }
    };
    println!("entra-emulator listening on {}/", running.base_url());
    let _ = tokio::signal::ctrl_c().await;
    running.shutdown().await;
}
