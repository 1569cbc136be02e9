//! TREC run files.

use std::io::Write;

use super::Run;

/// Writes a TREC run file: `QID Q0 DOCID RANK SCORE briefs`.
pub fn write_run(out: &mut dyn Write, queries: &[(String, String)], run: &Run) -> std::io::Result<()> {
    for (qid, _) in queries {
        for (i, (doc, score)) in run.get(qid).into_iter().flatten().enumerate() {
            writeln!(out, "{qid} Q0 {doc} {} {score:.6} briefs", i + 1)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_files_are_trec_lines() {
        let queries = vec![("q1".to_string(), "text".to_string())];
        let mut run = Run::new();
        run.insert("q1".into(), vec![("a".into(), 10.0), ("b".into(), 9.0)]);
        let mut out = Vec::new();
        write_run(&mut out, &queries, &run).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q1 Q0 a 1 10.000000 briefs\nq1 Q0 b 2 9.000000 briefs\n"
        );
    }
}
