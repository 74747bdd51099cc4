#!/usr/bin/env bash
# Runs the tests, doing their set-up first on a fresh machine:
#  - the browser tests drive Debian's headless Chromium through its ChromeDriver: installed when missing
#    (apt-get; as root, or through sudo);
#  - with a PostgreSQL profile (-Ppostgresql, -Pcluster,postgresql) PostgreSQL must answer on 127.0.0.1:5432
#    (user postgres, trust): a local cluster is started when it does not.
# Then: mvn verify with the arguments given, e.g. ./test.sh, ./test.sh -Ppostgresql, ./test.sh -Dit.test=FoundationIT
set -euo pipefail
cd "$(dirname "$0")"

. scripts/set-up.sh

install_browser
case " $* " in
    *postgresql*) start_postgresql ;;
esac
exec mvn -B verify "$@"
