#!/usr/bin/env bash
# Waits for the Indexed Job of deploy/k8s/check-job.yaml to finish, takes each
# index's JSON report out of its pod's log (between the marker lines that
# runbook-shard prints), and joins them with `runbook merge-reports`.
#
#   deploy/k8s/collect.sh [merge-reports flags…]     e.g. --reporter junit --output report.xml
#
# Environment: JOB (runbook-check), NAMESPACE (default), REPORTS (folder for
# shard-K.json, ./k8s-reports), TIMEOUT (seconds to wait, 1800), RUNBOOK (the
# command that runs runbook, `npx runbook`). Run it from the folder the
# runbooks were checked from (the repository root), so the reporters find
# them. Exits as merge-reports does: 0, 1, 130 as the whole check; 2 when a
# shard left no report (its pod log says why).
set -euo pipefail

job=${JOB:-runbook-check}
ns=${NAMESPACE:-default}
reports=${REPORTS:-k8s-reports}
timeout=${TIMEOUT:-1800}
read -r -a runbook <<<"${RUNBOOK:-npx runbook}"

total=$(kubectl get job "$job" -n "$ns" -o 'jsonpath={.spec.completions}')
if [[ ! $total =~ ^[1-9][0-9]*$ ]]; then
  echo "collect: job $ns/$job has no completions ('$total')" >&2
  exit 2
fi

# Done when the Job has a Complete or Failed condition (a drifted shard fails its index only).
waited=0
until kubectl get job "$job" -n "$ns" -o 'jsonpath={range .status.conditions[?(@.status=="True")]}{.type}{"\n"}{end}' | grep -qxE 'Complete|Failed'; do
  if ((waited >= timeout)); then
    echo "collect: job $ns/$job still running after ${timeout}s" >&2
    exit 2
  fi
  sleep 5
  waited=$((waited + 5))
done

mkdir -p "$reports"
rm -f "$reports"/shard-*.json
for ((i = 0; i < total; i++)); do
  k=$((i + 1))
  # A pod whose log cannot be read (gone, never started) leaves its shard missing, not the others.
  { kubectl logs -n "$ns" -l "job-name=$job,batch.kubernetes.io/job-completion-index=$i" --tail=-1 ||
    echo "collect: no log for index $i of $ns/$job" >&2; } \
    | awk -v b="=== runbook report shard $k/$total begin ===" -v e="^=== runbook report shard $k/$total end " '
        $0 == b { on = 1; n++; next }
        $0 ~ e  { on = 0; next }
        on && n == 1 { print }' >"$reports/shard-$k.json"
  # No report in the log: leave no empty file, so merge-reports names the shard as missing.
  [[ -s $reports/shard-$k.json ]] || rm -f "$reports/shard-$k.json"
done

shopt -s nullglob
files=("$reports"/shard-*.json)
if ((${#files[@]} == 0)); then
  echo "collect: no pod of $ns/$job printed a report; see kubectl logs -n $ns -l job-name=$job" >&2
  exit 2
fi
exec "${runbook[@]}" merge-reports "${files[@]}" "$@"
