#!/usr/bin/env bash
# Builds Sync Sites and runs it in WildFly, in the foreground: Ctrl+C stops it.
#
#   ./start.sh               embedded H2 database in ./data (nothing to install)
#   ./start.sh postgresql    PostgreSQL: SYNCSITES_DB_URL, SYNCSITES_DB_USER, SYNCSITES_DB_PASSWORD
#                            (defaults: jdbc:postgresql://127.0.0.1:5432/syncsites, postgres, postgres)
#
# Any further arguments go to WildFly's standalone.sh, e.g. ./start.sh h2 -b 0.0.0.0 to listen on every interface.
set -euo pipefail
cd "$(dirname "$0")"

database="${1:-h2}"
[ $# -gt 0 ] && shift
case "$database" in
    h2)
        mkdir -p data
        # Kept outside target/, so that the data survives rebuilds and 'mvn clean'.
        export SYNCSITES_DB_URL="${SYNCSITES_DB_URL:-jdbc:h2:file:$PWD/data/syncsites;DB_CLOSE_ON_EXIT=FALSE}"
        profile=()
        ;;
    postgresql)
        profile=(-Ppostgresql)
        ;;
    *)
        echo "Unknown database '$database': use h2 or postgresql." >&2
        exit 2
        ;;
esac

echo "Building Sync Sites (the first build downloads WildFly and the libraries: a few minutes)..."
mvn -q "${profile[@]}" -DskipTests install

wildfly_home=$(ls -d wildfly-config/target/wildfly-*/ | head -n 1)
cp ear/target/sync-sites.ear "$wildfly_home/standalone/deployments/"
echo "Starting WildFly with Sync Sites on the $database database: http://localhost:8080/ (Ctrl+C stops it)"
exec "$wildfly_home/bin/standalone.sh" -c standalone-full.xml "$@"
