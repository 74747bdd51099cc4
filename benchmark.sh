#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md, each against a freshly deployed server and an empty database, and
# prints one table: each figure, its baseline measured in the same run, their ratio, and the goal.
# Set-up as ./test.sh (PostgreSQL started when it does not answer). Takes about 20 minutes on 2 cores.
#   ./benchmark.sh                  everything
#   ./benchmark.sh SyncPull         only the runs whose name contains SyncPull
# Logs: target/benchmarks/<run>.log
set -euo pipefail
cd "$(dirname "$0")"
only="${1:-}"
logs=target/benchmarks
mkdir -p "$logs"
results="$logs/results.txt"
: > "$results"

bench() { # name, then the arguments of ./test.sh
    local name="$1"; shift
    case "$name" in *"$only"*) ;; *) return ;; esac
    echo "== $name" >&2
    local started=$(date +%s)
    if ! ./test.sh -Pbenchmark "$@" > "$logs/$name.log" 2>&1; then
        echo "   FAILED: see $logs/$name.log" >&2
        echo "RESULT|$name: FAILED, see $logs/$name.log||||" >> "$results"
        return
    fi
    grep -h '^BENCHMARK ' "$logs/$name.log" | sed 's/^BENCHMARK /   /' | grep -v '^   RESULT|' >&2 || true
    grep -h '^BENCHMARK RESULT|' "$logs/$name.log" | sed 's/^BENCHMARK //' >> "$results"
    echo "   ($(( $(date +%s) - started )) s)" >&2
}

bench ResyncPostgreSQL       -Ppostgresql -Dit.test=ResyncBenchmark
bench SyncPull5000PostgreSQL -Ppostgresql -Dit.test=SyncPullBenchmark -Dbenchmark.limit=5000 -Dbenchmark.gzip=true
bench SyncPull500PostgreSQL  -Ppostgresql -Dit.test=SyncPullBenchmark -Dbenchmark.limit=500
bench SyncPull500H2                       -Dit.test=SyncPullBenchmark -Dbenchmark.limit=500
bench SyncPull5000H2                      -Dit.test=SyncPullBenchmark -Dbenchmark.limit=5000
bench SyncPushH2                          -Dit.test=SyncPushBenchmark
bench SyncPushPostgreSQL     -Ppostgresql -Dit.test=SyncPushBenchmark
bench SignInStormH2                       -Dit.test=SignInStormBenchmark
bench SignInStormPostgreSQL  -Ppostgresql -Dit.test=SignInStormBenchmark
bench SiteListPostgreSQL     -Ppostgresql -Dit.test=SiteListBenchmark
bench DashboardPostgreSQL    -Ppostgresql -Dit.test=DashboardBenchmark
bench AuditTrailPostgreSQL   -Ppostgresql -Dit.test=AuditTrailBenchmark
bench SiteImportPostgreSQL    -Ppostgresql -Dit.test=SiteImportBenchmark

echo
echo "Benchmarks of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(uname -m)), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):"
echo
echo "| figure | value | baseline (same run) | ratio | goal |"
echo "|---|---|---|---|---|"
while IFS='|' read -r _ what value baseline ratio goal; do
    echo "| $what | $value | $baseline | $ratio | $goal |"
done < "$results"
