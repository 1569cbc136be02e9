//! Query words that look like options. clap reads `briefs search NATO -Kyiv` as the
//! flags `-K -y -i -v`; before it parses, the words of a `search` are moved after a
//! `--`, in their order, so that an exclusion needs no `--` of its own. A token is an
//! option when `search` (or the command line as a whole) knows it: `-n 5`, `-n5`,
//! `--limit=5`, `-q`; anything else that starts with `-` is a query word (`-Kyiv`,
//! `-nuclear`), and an unknown `--word` stays an option, for clap to name the typo.

use std::ffi::{OsStr, OsString};

use clap::{Arg, Command, CommandFactory};

use crate::args::Cli;

/// The arguments with the query words of a `search` after a `--`; others as given.
pub fn query_words_last(args: Vec<OsString>) -> Vec<OsString> {
    let mut cli = Cli::command();
    // Built, the commands know their help flags and the global options.
    cli.build();
    let Some(at) = subcommand_at(&cli, &args) else { return args };
    let Some(search) = cli.find_subcommand("search").filter(|_| args[at] == "search") else {
        return args;
    };
    let (mut options, mut words) = (Vec::new(), Vec::new());
    let mut rest = args[at + 1..].iter();
    while let Some(token) = rest.next() {
        match classify(&cli, search, token) {
            Token::Separator => words.extend(rest.by_ref().cloned()),
            Token::Word => words.push(token.clone()),
            Token::Option { value_follows } => {
                options.push(token.clone());
                if value_follows {
                    options.extend(rest.next().cloned());
                }
            }
        }
    }
    let mut out = args[..=at].to_vec();
    out.extend(options);
    if !words.is_empty() {
        out.push("--".into());
        out.extend(words);
    }
    out
}

/// What a token after `search` is.
enum Token {
    /// `--`: the rest are words.
    Separator,
    Word,
    /// An option, and whether its value is the next token.
    Option {
        value_follows: bool,
    },
}

/// The index of the subcommand's name: the first token that is neither a global option
/// nor a global option's value.
fn subcommand_at(cli: &Command, args: &[OsString]) -> Option<usize> {
    let mut i = 1;
    while i < args.len() {
        let token = args[i].to_str()?;
        if !token.starts_with('-') {
            return Some(i);
        }
        let value_follows = match known(cli, None, token)? {
            Token::Option { value_follows } => value_follows,
            _ => return None,
        };
        i += if value_follows { 2 } else { 1 };
    }
    None
}

fn classify(cli: &Command, search: &Command, token: &OsStr) -> Token {
    let Some(text) = token.to_str() else { return Token::Word };
    if text == "--" {
        return Token::Separator;
    }
    if text.starts_with("--") {
        return known(cli, Some(search), text).unwrap_or(Token::Option { value_follows: false });
    }
    if text.len() > 1 && text.starts_with('-') {
        return known(cli, Some(search), text).unwrap_or(Token::Word);
    }
    Token::Word
}

/// The option `token` is to `search` (or to the whole command line), if it is one.
fn known(cli: &Command, search: Option<&Command>, token: &str) -> Option<Token> {
    let args = || cli.get_arguments().chain(search.into_iter().flat_map(|s| s.get_arguments()));
    let takes = |arg: &Arg| arg.get_action().takes_values();
    if let Some(long) = token.strip_prefix("--") {
        let (name, value) = long.split_once('=').map_or((long, None), |(n, v)| (n, Some(v)));
        let named =
            |a: &&Arg| a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name));
        let arg = args().find(named)?;
        return Some(Token::Option { value_follows: takes(arg) && value.is_none() });
    }
    // A cluster: flags, then at most one option that takes a value, last or followed by
    // its value (`-qn5`, `-n=5`); `-nuclear` is a word, not `-n uclear`.
    let cluster = token.strip_prefix('-')?;
    for (i, c) in cluster.char_indices() {
        let arg = args().find(|a| a.get_short() == Some(c))?;
        if takes(arg) {
            return match cluster[i + c.len_utf8()..].chars().next() {
                None => Some(Token::Option { value_follows: true }),
                Some(v) if v.is_ascii_digit() || v == '=' => Some(Token::Option { value_follows: false }),
                Some(_) => None,
            };
        }
    }
    Some(Token::Option { value_follows: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(line: &str) -> String {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let out = query_words_last(args);
        out.iter().map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn exclusions_need_no_separator() {
        assert_eq!(moved("briefs search NATO -Kyiv"), "briefs search -- NATO -Kyiv");
        assert_eq!(moved("briefs search +NATO -Romania -n 2"), "briefs search -n 2 -- +NATO -Romania");
        assert_eq!(
            moved("briefs --index x search -nuclear NATO -n5"),
            "briefs --index x search -n5 -- -nuclear NATO"
        );
    }

    #[test]
    fn options_and_their_values_stay_options() {
        assert_eq!(
            moved("briefs search --lang fr NATO --json -C 2"),
            "briefs search --lang fr --json -C 2 -- NATO"
        );
        assert_eq!(moved("briefs search --limit=3 -q troops"), "briefs search --limit=3 -q -- troops");
        assert_eq!(moved("briefs search -n -1 NATO"), "briefs search -n -1 -- NATO");
        assert_eq!(moved("briefs search NATO --bogus"), "briefs search --bogus -- NATO");
        assert_eq!(moved("briefs search -- -Kyiv NATO"), "briefs search -- -Kyiv NATO");
        assert_eq!(moved("briefs search howitzer -n=2"), "briefs search -n=2 -- howitzer");
        assert_eq!(moved("briefs search -qn2 howitzer -C=1"), "briefs search -qn2 -C=1 -- howitzer");
        assert_eq!(moved("briefs search -qx howitzer"), "briefs search -- -qx howitzer");
    }

    #[test]
    fn help_is_an_option() {
        assert_eq!(moved("briefs search -h"), "briefs search -h");
        assert_eq!(moved("briefs search NATO --help"), "briefs search --help -- NATO");
    }

    #[test]
    fn other_commands_are_left_alone() {
        assert_eq!(moved("briefs like -x"), "briefs like -x");
        assert_eq!(moved("briefs --color never stats"), "briefs --color never stats");
        assert_eq!(moved("briefs search"), "briefs search");
    }
}
