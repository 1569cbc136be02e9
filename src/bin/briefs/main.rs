//! The `briefs` binary: arguments → validated [`config::Config`] → a command on the
//! library → a printer; errors and panics become one line on stderr and exit code 2.

mod args;
mod argv;
mod commands;
mod config;
mod exit;
mod printer;
mod progress;
mod serve;
mod wire;

use std::process::ExitCode;

/// Allocation is a measured share of indexing (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

use args::Cli;
use config::Config;
use exit::Exit;

/// The message of the last panic, kept by the panic hook for a one-line report.
static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(argv::query_words_last(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("briefs: {} (see --help)", clap_line(&e.to_string()));
            return Exit::Error.into();
        }
    };
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut slot) = PANIC.lock() {
            *slot = Some(info.to_string());
        }
    }));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(exit) => exit.into(),
        Err(_) => {
            let message = PANIC.lock().ok().and_then(|m| m.clone()).unwrap_or_default();
            eprintln!("briefs: internal error: {}", briefs::text::collapse_whitespace(&message));
            Exit::Error.into()
        }
    }
}

/// Validates the arguments and runs the command; errors are reported here, once.
fn run(cli: Cli) -> Exit {
    let outcome = Config::from_cli(cli).map_err(anyhow::Error::from).and_then(commands::run);
    match outcome {
        Ok(exit) => exit,
        Err(e) if broken_pipe(&e) => Exit::Found,
        Err(e) => {
            eprintln!("briefs: {}", briefs::text::collapse_whitespace(&e.to_string()));
            match e.downcast_ref::<briefs::Error>() {
                Some(error) => Exit::of_error(error),
                None => Exit::Error,
            }
        }
    }
}

/// Whether the error is a closed standard output (`briefs search x | head`): the
/// reader has what it wanted, so it is not an error to report.
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A clap error's message without its usage block, on one line.
fn clap_line(text: &str) -> String {
    let message = text.split("\nUsage:").next().unwrap_or(text);
    let message = message.split("For more information").next().unwrap_or(message);
    briefs::text::collapse_whitespace(message)
}
