#!/usr/bin/env bash
# Builds Sync Sites and runs it in WildFly, in the foreground: Ctrl+C stops it.
#
#   ./start.sh               embedded H2 database in ./data (nothing to install)
#   ./start.sh postgresql    PostgreSQL: SYNCSITES_DB_URL, SYNCSITES_DB_USER, SYNCSITES_DB_PASSWORD
#                            (defaults: jdbc:postgresql://127.0.0.1:5432/syncsites, postgres, postgres)
#
# A second server on the same machine, e.g. a remote site to try syncing with the first:
#   SYNCSITES_INSTANCE=remote1 ./start.sh
# runs the application already built, with everything of its own under ./data-remote1 (H2 database, WildFly's
# configuration, data and log) and its ports moved by SYNCSITES_PORT_OFFSET (default 100: http://localhost:8180/).
#
# SYNCSITES_DEMO=true ./start.sh deploys the demo application instead of the product: the same, plus the demo
# data generators at /demo/api (bulk store and central data for trials and benchmarks, see README).
#
# Single sign-on with the organisation's identity provider (OpenID Connect; README, "Single sign-on"):
#   SYNCSITES_OIDC_PROVIDER_URL=https://sso.example.org/realms/acme SYNCSITES_OIDC_CLIENT_SECRET=... ./start.sh
# Started without SYNCSITES_OIDC_PROVIDER_URL, users sign in with the application's own accounts again.
#
# Any further arguments go to WildFly's standalone.sh, e.g. ./start.sh h2 -b 0.0.0.0 to listen on every interface.
set -euo pipefail
cd "$(dirname "$0")"

database="${1:-h2}"
[ $# -gt 0 ] && shift
instance="${SYNCSITES_INSTANCE:-}"
data_dir="$PWD/data${instance:+-$instance}"
case "$database" in
    h2)
        mkdir -p "$data_dir"
        # Kept outside target/, so that the data survives rebuilds and 'mvn clean'.
        export SYNCSITES_DB_URL="${SYNCSITES_DB_URL:-jdbc:h2:file:$data_dir/syncsites;DB_CLOSE_ON_EXIT=FALSE}"
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

# The database the configured server was built for: h2 or postgresql (its SyncSitesDS driver).
built_for() {
    grep -A6 'jndi-name="java:jboss/datasources/SyncSitesDS"' "$1" 2>/dev/null | grep -o '<driver>[a-z0-9]*</driver>' \
        | sed 's/<[^>]*>//g'
}
# (nothing is built yet in a fresh clone: no server, so the build below runs)
built_config="$(ls -d wildfly-config/target/wildfly-*/ 2>/dev/null | head -n 1 || true)standalone/configuration/standalone-full.xml"
if [ -z "$instance" ] || [ ! -f ear/target/sync-sites.ear ] || [ "$(built_for "$built_config")" != "$database" ]; then
    echo "Building Sync Sites (the first build downloads WildFly and the libraries: a few minutes)..."
    mvn -q "${profile[@]}" -DskipTests install
fi

wildfly_home=$(ls -d wildfly-config/target/wildfly-*/ | head -n 1)
application=ear/target/sync-sites.ear
if [ "${SYNCSITES_DEMO:-false}" = true ]; then
    application=ear/target/sync-sites-demo.ear
    echo "The demo application: demo data generators at /demo/api."
fi
server=()
port=8080
if [ -z "$instance" ]; then
    deployments="$wildfly_home/standalone/deployments"
    rm -f "$deployments"/sync-sites*.ear*
    cp "$application" "$deployments/sync-sites.ear"
else
    # A server base directory of its own: the configured server's configuration, and the application.
    base="$data_dir/wildfly"
    mkdir -p "$base/configuration" "$base/deployments"
    # the instance's own copy of the configuration, made again when it was made for the other database
    if [ "$(built_for "$base/configuration/standalone-full.xml")" != "$database" ]; then
        cp -r "$wildfly_home"/standalone/configuration/. "$base/configuration/"
    fi
    rm -f "$base"/deployments/sync-sites*.ear*
    cp "$application" "$base/deployments/sync-sites.ear"
    offset="${SYNCSITES_PORT_OFFSET:-100}"
    port=$((8080 + offset))
    # its own session cookie: browsers send a host's cookies to all its ports
    server=(-Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset"
            -Dsyncsites.session.cookie="SYNCSITES_SESSION_$instance")
fi
# Single sign-on (README, "Single sign-on"): on while SYNCSITES_OIDC_PROVIDER_URL is set, off otherwise.
config_dir="${base:-$wildfly_home/standalone}/configuration"
cli_base=()
[ -n "${base:-}" ] && cli_base=(-Djboss.server.base.dir="$base")
sso_configured=false
grep -q 'name="syncsites.single-sign-on"' "$config_dir/standalone-full.xml" && sso_configured=true
if [ -n "${SYNCSITES_OIDC_PROVIDER_URL:-}" ] && [ "$sso_configured" = false ]; then
    if [ -z "${SYNCSITES_OIDC_CLIENT_SECRET:-}" ]; then
        echo "SYNCSITES_OIDC_PROVIDER_URL is set but SYNCSITES_OIDC_CLIENT_SECRET is not: give the client's secret." >&2
        exit 2
    fi
    echo "Single sign-on at $SYNCSITES_OIDC_PROVIDER_URL: configuring WildFly's OIDC client (wildfly-config/cli/oidc.cli)"
    JAVA_OPTS="${cli_base[*]}" "$wildfly_home/bin/jboss-cli.sh" --file=wildfly-config/cli/oidc.cli \
        -Dsyncsites.server.config=standalone-full.xml > /dev/null
elif [ -z "${SYNCSITES_OIDC_PROVIDER_URL:-}" ] && [ "$sso_configured" = true ]; then
    echo "SYNCSITES_OIDC_PROVIDER_URL is not set: back to the sign-in form (wildfly-config/cli/oidc-remove.cli)"
    JAVA_OPTS="${cli_base[*]}" "$wildfly_home/bin/jboss-cli.sh" --file=wildfly-config/cli/oidc-remove.cli \
        -Dsyncsites.server.config=standalone-full.xml > /dev/null
fi

echo "Starting WildFly with Sync Sites on the $database database: http://localhost:$port/ (Ctrl+C stops it)"
exec "$wildfly_home/bin/standalone.sh" -c standalone-full.xml "${server[@]}" "$@"
