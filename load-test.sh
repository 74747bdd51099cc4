#!/usr/bin/env bash
# The load test (Gatling, load-test/): 1,000 remote sites run full sync v5 cycles for 2 minutes, each site one
# cycle every 3 seconds (what 100,000 sites syncing every 5 minutes send: 333 cycles/s), first against one server,
# then against a two-node cluster (standalone-full-ha.xml, port offset 100), each cycle to the next node in turn.
# Both on PostgreSQL (database syncsites_load, made afresh for each run), with the demo application deployed (its
# generators make the sites, stores and records before the run). Not part of the tests; takes about 12 minutes.
#
#   ./load-test.sh                 one server, then the cluster
#   ./load-test.sh single          one server only
#   ./load-test.sh cluster         the cluster only
# Settings (environment): LOAD_SITES (1000), LOAD_PACE (3 s between a site's cycles), LOAD_SECONDS (120).
# Reports: load-test/target/gatling/<run>/index.html; logs: target/load-test/.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/set-up.sh

runs="${1:-single cluster}"
sites="${LOAD_SITES:-1000}"
pace="${LOAD_PACE:-3}"
seconds="${LOAD_SECONDS:-120}"
database=syncsites_load
admin_password="load-test-admin-password"
logs="$PWD/target/load-test"
servers="$PWD/load-test/target/servers"
mkdir -p "$logs"

start_postgresql
echo "Building Sync Sites for PostgreSQL and a cluster (mvn install -Pcluster,postgresql)..."
mvn -B -q -Pcluster,postgresql -DskipTests install > "$logs/build.log" 2>&1 || { tail -40 "$logs/build.log"; exit 1; }
wildfly_home=$(ls -d wildfly-config/target/wildfly-*/ | head -n 1)
sign_in_key=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')

pids=()
stop_servers() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap stop_servers EXIT

# the cluster's secret, the same on both nodes (README, "Running a cluster")
cluster_secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')

start_node() { # name, server configuration, port offset
    local name="$1" config="$2" offset="$3" base="$servers/$1"
    rm -rf "$base"
    mkdir -p "$base/configuration" "$base/deployments"
    cp "$wildfly_home"/standalone/configuration/*.* "$base/configuration/"
    cp ear/target/sync-sites-demo.ear "$base/deployments/sync-sites.ear"
    if curl -s -o /dev/null "http://127.0.0.1:$((8080 + offset))/"; then
        echo "Port $((8080 + offset)) is taken (a server still running?): stop it first." >&2
        exit 1
    fi
    # LAUNCH_JBOSS_IN_BACKGROUND: standalone.sh passes a kill on to WildFly's JVM
    LAUNCH_JBOSS_IN_BACKGROUND=1 SYNCSITES_ADMIN_PASSWORD="$admin_password" SYNCSITES_CLUSTER_PASSWORD="$cluster_secret" \
        "$wildfly_home/bin/standalone.sh" -c "$config" \
        -b 127.0.0.1 -bprivate 127.0.0.1 -Djboss.server.base.dir="$base" \
        -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name="$name" \
        -Dsyncsites.db.url="jdbc:postgresql://127.0.0.1:5432/$database" \
        -Dsyncsites.signIn.key="$sign_in_key" \
        -Dsyncsites.allowedOrigins="http://127.0.0.1:8080,http://127.0.0.1:8180" > "$base/console.log" 2>&1 &
    pids+=($!)
}

await_healthy() { # port
    for _ in $(seq 1 180); do
        if curl -fs "http://127.0.0.1:$1/api/health" > /dev/null; then
            return
        fi
        sleep 1
    done
    echo "The server on port $1 did not become healthy in 3 minutes: see $servers/*/console.log" >&2
    exit 1
}

fresh_database() {
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
        -c "CREATE DATABASE $database" > /dev/null
}

count() { # SQL
    psql -qtA -h 127.0.0.1 -U postgres -d "$database" -c "$1"
}

request_table() { # the report's table of requests: count, KO, rate and response times (ms) per group and request
    command -v python3 > /dev/null || return 0
    python3 - "$1" <<'TABLE'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
print(f"{'request':24s} {'count':>7s} {'KO':>4s} {'req/s':>7s} {'min':>6s} {'p50':>6s} {'p75':>6s} {'p95':>6s} {'p99':>6s} {'max':>6s} {'mean':>6s}")
for row in re.finditer(r'class="ellipsed-name">([^<]*)</span>(.*?)</tr>', page, re.S):
    cells = [c.strip() for c in re.findall(r'<td[^>]*>([^<]*)</td>', row.group(2))]
    if len(cells) >= 12:
        print(f"{row.group(1):24s} {cells[0]:>7s} {cells[2]:>4s} {cells[4]:>7s} " + " ".join(f"{c:>6s}" for c in cells[5:12]))
TABLE
}

summary="$logs/summary.txt"
: > "$summary"

run() { # name, nodes (comma-separated base URLs)
    local name="$1" nodes="$2" started
    started=$(date +%s)
    echo "== $name: $sites sites, a cycle every $pace s each, for $seconds s, against $nodes"
    local status=0
    mvn -B -f load-test/pom.xml gatling:test -Dload.nodes="$nodes" -Dload.sites="$sites" -Dload.pace="$pace" \
        -Dload.seconds="$seconds" -Dload.adminPassword="$admin_password" > "$logs/$name.log" 2>&1 || status=$?
    local report
    report=$(grep -o 'load-test/target/gatling/[^ ]*/index.html' "$logs/$name.log" | tail -n 1 || true)
    {
        echo "== $name ($nodes), $(( $(date +%s) - started )) s with set-up"
        sed -n '/^---- Global Information/,/^====/p' "$logs/$name.log"
        grep -E '^(LOAD RESULT|Global: )' "$logs/$name.log" || true
        [ -n "$report" ] && request_table "$report"
        echo "after the run: queue entries still waiting: $(count "SELECT COUNT(*) FROM sync_queue"), pushed"\
             "records integrated: $(count "SELECT COUNT(*) FROM store_record WHERE record_id LIKE '%-T%'"),"\
             "pushed records not integrated (waiting or set aside): $(count "SELECT COUNT(*) FROM sync_in")"
        echo "report: ${report:-none, see $logs/$name.log}"
        [ "$status" = 0 ] || echo "Gatling's assertions failed (exit $status): see above and $logs/$name.log"
        echo
    } | tee -a "$summary"
}

for which in $runs; do
    case "$which" in
        single)
            fresh_database
            start_node node1 standalone-full.xml 0
            await_healthy 8080
            run single "http://127.0.0.1:8080"
            stop_servers
            ;;
        cluster)
            fresh_database
            start_node node1 standalone-full-ha.xml 0
            await_healthy 8080
            start_node node2 standalone-full-ha.xml 100
            await_healthy 8180
            run cluster "http://127.0.0.1:8080,http://127.0.0.1:8180"
            stop_servers
            ;;
        *)
            echo "Unknown run '$which': use single or cluster." >&2
            exit 2
            ;;
    esac
done
echo "Summary: $summary"
