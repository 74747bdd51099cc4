# Set-up shared by ./test.sh, ./benchmark.sh (through test.sh) and ./load-test.sh: sourced, not run.
#  - install_browser: Debian's Chromium and ChromeDriver for the browser tests (apt-get; as root, or through sudo);
#  - start_postgresql: a local PostgreSQL cluster when nothing answers on 127.0.0.1:5432 (user postgres, trust).

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "Cannot run '$*' without root: install it by hand, then run the command again." >&2
        exit 1
    fi
}

install_browser() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return
    fi
    echo "Installing chromium and chromium-driver (for the browser tests)..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

start_postgresql() {
    if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
        return
    fi
    if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql ]; then
        echo "PostgreSQL does not answer on 127.0.0.1:5432 and no local cluster is installed" \
             "(apt-get install postgresql, with trust for user postgres)." >&2
        exit 1
    fi
    echo "Starting PostgreSQL..."
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 1 30); do
        pg_isready -h 127.0.0.1 -p 5432 -q && return
        sleep 1
    done
    echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
    exit 1
}
