//! Exit codes, as grep's: 0 when something was found, 1 when nothing was, 2 on error
//! (even when there were results before the error).

use std::process::ExitCode;

/// How a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Results were found (or the command succeeded).
    Found = 0,
    /// The command ran and found nothing.
    NotFound = 1,
    /// An error: bad arguments, a missing, locked or damaged index, I/O.
    Error = 2,
}

impl Exit {
    /// `Found` when there is anything, `NotFound` otherwise.
    pub fn found(any: bool) -> Exit {
        if any {
            Exit::Found
        } else {
            Exit::NotFound
        }
    }

    /// The exit code for a library error: every kind is an error to grep's scheme.
    pub fn of_error(error: &briefs::Error) -> Exit {
        match error.kind() {
            briefs::ErrorKind::Usage
            | briefs::ErrorKind::NotFound
            | briefs::ErrorKind::Unavailable
            | briefs::ErrorKind::Internal => Exit::Error,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn every_error_kind_exits_2() {
        let p = PathBuf::from("idx");
        let errors = [
            briefs::Error::NoIndex { path: p.clone() },
            briefs::Error::Damaged { path: p.clone(), reason: "x".into() },
            briefs::Error::Locked { path: p.clone() },
            briefs::Error::bad_query("a AND", "dangling"),
            briefs::Error::invalid("-n", 0, "1 to 10000"),
            briefs::Error::BadInput { path: p.clone(), line: 3, expected: "ID<TAB>QUERY".into() },
            briefs::Error::io(p.clone(), std::io::Error::other("gone")),
            briefs::Error::EmptyIndex { path: p, need: "x".into() },
            briefs::Error::NoPassage { id: "a#1".into() },
        ];
        for e in &errors {
            assert_eq!(Exit::of_error(e), Exit::Error, "{e}");
            assert_eq!(ExitCode::from(Exit::of_error(e)), ExitCode::from(2));
        }
        assert_eq!(Exit::found(true) as u8, 0);
        assert_eq!(Exit::found(false) as u8, 1);
    }
}
