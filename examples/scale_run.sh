#!/usr/bin/env bash
# The scaling curve, in one run: for each corpus size (1x 2x 4x 8x the UN General
# Debate corpus by default), make the corpus, index it (wall and CPU time, peak RSS
# from /usr/bin/time -v), measure the index (du) and the query latency per class
# (briefs bench), then print the table with the goals, write docs/scale.json and draw
# docs/scale.svg. Corpora and indexes are deleted after each size (SCALE_KEEP=1 keeps
# them).
#
#   examples/scale_run.sh            # 1 2 4 8
#   examples/scale_run.sh 1 2        # some sizes only
#
# Environment: SCALE_WORK (default /tmp/briefs-scale), SCALE_SOURCE (the 1x corpus),
# SCALE_QUERIES (natural-language questions), SCALE_ITERATIONS (default 5),
# SCALE_JSON / SCALE_SVG (default docs/scale.json, docs/scale.svg).
# Run it on a quiet machine: every figure is wall time on shared cores.
set -euo pipefail
cd "$(dirname "$0")/.."

factors=("$@")
[ ${#factors[@]} -gt 0 ] || factors=(1 2 4 8)
work=${SCALE_WORK:-/tmp/briefs-scale}
source=${SCALE_SOURCE:-/work/shared/eval/ungdc-briefs.jsonl.gz}
queries=${SCALE_QUERIES:-/work/shared/eval/speed-queries-en.tsv}
iterations=${SCALE_ITERATIONS:-5}
json=${SCALE_JSON:-docs/scale.json}
svg=${SCALE_SVG:-docs/scale.svg}

for f in "${factors[@]}"; do
    [[ $f =~ ^[0-9]+$ && $f -ge 1 && $f -le 64 ]] || { echo "scale_run: size $f is not 1..64" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "scale_run: /usr/bin/time (GNU time) is needed" >&2; exit 2; }

cargo build --release --quiet --bin briefs --example scale_corpus --example scale_chart
briefs=target/release/briefs
mkdir -p "$work" "$(dirname "$json")" "$(dirname "$svg")"
rm -rf "${work:?}"/[0-9]*
echo "examples/scale_run.sh ${factors[*]} (bench iterations $iterations; work folder $work)" > "$work/run.txt"
# 8x needs about 0.6 GB for its gzipped corpus, then 2 GB for its index.
df -h "$work" | tail -1 | awk '{print "scale_run: free space in " $6 ": " $4}' >&2

for f in "${factors[@]}"; do
    dir=$work/$f
    corpus=$work/ung$f.jsonl.gz
    index=$work/ung$f
    mkdir -p "$dir"
    echo "scale_run: ${f}x: corpus" >&2
    target/release/examples/scale_corpus "$f" "$corpus" "$source" > "$dir/corpus.txt"
    rm -rf "$index"
    sync
    { date -u +%Y-%m-%dT%H:%M:%SZ; uptime; } > "$dir/when.txt"
    echo "scale_run: ${f}x: index ($(tail -1 "$dir/when.txt"))" >&2
    /usr/bin/time -v -o "$dir/time.txt" "$briefs" --index "$index" index "$corpus" --quiet > "$dir/summary.txt"
    du -sb "$index" > "$dir/du.txt"
    [ -n "${SCALE_KEEP:-}" ] || rm -f "$corpus"
    echo "scale_run: ${f}x: bench" >&2
    "$briefs" --index "$index" bench --queries "$queries" --iterations "$iterations" --json > "$dir/bench.json"
    [ -n "${SCALE_KEEP:-}" ] || rm -rf "$index"
done

target/release/examples/scale_chart collect "$work" "$json" "$svg"
