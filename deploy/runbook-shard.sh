#!/usr/bin/env bash
# One shard of `runbook check`, in a pod of a Kubernetes Indexed Job
# (deploy/k8s/check-job.yaml): index JOB_COMPLETION_INDEX (0-based, set by
# Kubernetes) of SHARDS (the Job's completions) runs `--shard INDEX+1/SHARDS`
# (1-based). Arguments are passed on to `runbook check` (paths, --config …).
#
# The JSON report is written to $REPORT_DIR/shard-K.json and printed on
# stdout between two marker lines, so that it leaves the pod with its log;
# deploy/k8s/collect.sh takes it out of `kubectl logs` and merges the shards.
# Exits as `runbook check` did (0 matched, 1 drift, 2 bad input, 130 interrupted).
set -uo pipefail

runbook=${RUNBOOK:-/app/dist/bundle/cli.cjs}
report_dir=${REPORT_DIR:-/reports}
index=${JOB_COMPLETION_INDEX:-}
shards=${SHARDS:-}

if [[ ! $index =~ ^[0-9]+$ ]]; then
  echo "runbook-shard: JOB_COMPLETION_INDEX is '${index}', not a number: run me in an Indexed Job (completionMode: Indexed)" >&2
  exit 2
fi
if [[ ! $shards =~ ^[1-9][0-9]*$ ]]; then
  echo "runbook-shard: SHARDS is '${shards}': set it to the Job's completions" >&2
  exit 2
fi
k=$((10#$index + 1))
if ((k > shards)); then
  echo "runbook-shard: index $index is past $shards shards: SHARDS must equal the Job's completions" >&2
  exit 2
fi

mkdir -p "$report_dir"
report="$report_dir/shard-$k.json"
rm -f "$report"
node "$runbook" check --shard "$k/$shards" --reporter json --output "$report" "$@"
status=$?
if [[ -s $report ]]; then
  echo "=== runbook report shard $k/$shards begin ==="
  cat "$report"
  [[ -z $(tail -c 1 "$report") ]] || echo
  echo "=== runbook report shard $k/$shards end (exit $status) ==="
fi
exit "$status"
