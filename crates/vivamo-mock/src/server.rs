//! The accept loop: HTTP/1.1 connections served by hyper with a header read
//! timeout (a client that stalls mid-request is dropped, and never holds up
//! others), and a graceful stop: on the signal it stops accepting, lets
//! in-flight requests finish, then returns.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long in-flight requests get to finish after the stop signal.
const GRACE: Duration = Duration::from_secs(30);
/// The per-connection read buffer, which bounds a request's headers (hyper
/// answers 431 past it).
const MAX_BUF: usize = 64 * 1024;

/// Serves `app` on `listener` until `stop` completes, then drains.
pub async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_BUF);
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(error) => {
                        // Out of file descriptors and the like: wait, then go on.
                        eprintln!("vivamo-mock: accept failed: {error}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                // Small answers: send them at once rather than wait for more.
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(app.clone());
                let connection = http.serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client that hangs up or times out is its own business.
                    let _ = connection.await;
                });
            }
            () = &mut stop => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(GRACE) => {
            eprintln!("vivamo-mock: requests still running after {GRACE:?}; stopping anyway");
        }
    }
}

/// Installs the SIGINT and SIGTERM handlers now, and returns what completes on
/// either. Called before the ready line is printed: Tokio installs a handler
/// only when its future is first polled, and a client that sends SIGTERM as soon
/// as it has read the line would otherwise kill the process (exit 143, the
/// database not closed) instead of stopping it.
pub fn stop_signal() -> std::io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        let mut interrupt = tokio::signal::windows::ctrl_c()?;
        Ok(async move {
            interrupt.recv().await;
        })
    }
}
