#!/usr/bin/env bash
# Runs `briefs eval` on the eleven judged collections with the release binary and
# prints one row per collection (nDCG@10, recall@100, MRR@10, MAP@100, seconds) and
# the mean nDCG@10. Usage: scripts/eval_all.sh [BINARY] [COLLECTION...]
# EVAL_DIR: where the collections are (default /work/shared/eval). INDEX_DIR: keep one
# index per collection there and reuse it (query-side changes only; delete it after an
# indexing change).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/target/release/briefs}"
shift || true
eval_dir="${EVAL_DIR:-/work/shared/eval}"
sets=("$@")
if [ ${#sets[@]} -eq 0 ]; then
  sets=(cran med scifact xquad-r-en xquad-r-de xquad-r-es xquad-r-mixed piaf-fr cran-para med-para scifact-para)
fi
printf '%-14s %8s %8s %8s %8s %7s\n' set ndcg@10 r@100 mrr@10 map@100 secs
total=0
for s in "${sets[@]}"; do
  d="$eval_dir/$s"
  start=$(date +%s.%N)
  index=()
  if [ -n "${INDEX_DIR:-}" ]; then index=(--index "$INDEX_DIR/$s"); fi
  json=$("$bin" eval --corpus "$d/corpus.jsonl" --queries "$d/queries.tsv" --qrels "$d/qrels.txt" --json -q "${index[@]}")
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  row=$(python3 -c 'import json,sys; m=json.loads(sys.argv[1]); print(m["ndcg_10"], m["recall_100"], m["mrr_10"], m["map_100"])' "$json")
  read -r n r mrr map <<<"$row"
  printf '%-14s %8.4f %8.4f %8.4f %8.4f %7.1f\n' "$s" "$n" "$r" "$mrr" "$map" "$secs"
  total=$(echo "$total + $n" | bc -l)
done
printf '%-14s %8.4f\n' mean "$(echo "$total / ${#sets[@]}" | bc -l)"
