#!/bin/sh
# README's two commands on a bare Debian 12 or Ubuntu 24.04, as root or as a user with sudo:
#
#   sh scripts/desk.sh demo [heatoffice options]   the desktop app on demo data
#   sh scripts/desk.sh test [pytest options]       ruff, mypy and the whole test suite
#   sh scripts/desk.sh smoke                       CI: the real app under Xvfb at 1366x768 on
#                                                  fresh demo data logs in, opens every page, quits
#
# Each installs the system packages of scripts/system-packages.txt that are missing (apt-get,
# through sudo when not root), makes a virtual environment (.venv in the checkout, or
# $HEATOFFICE_VENV) with $PYTHON (default python3), installs heatoffice into it, and runs.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
venv=${HEATOFFICE_VENV:-$here/.venv}
python=${PYTHON:-python3}

say() { echo "desk.sh: $*" >&2; }

packages() {
    sed -e 's/#.*//' "$here/scripts/system-packages.txt" | tr -s ' \t' '\n\n' | grep -v '^$'
}

# The listed packages apt would still install. dpkg-query answers for real packages; a name that
# is only provided by another package (Ubuntu 24.04's libglib2.0-0 by libglib2.0-0t64) is asked
# of apt, which knows it without root once its lists are there.
missing_packages() {
    absent=""
    for p in $(packages); do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' \
            || absent="$absent $p"
    done
    [ -n "$absent" ] || return 0
    # shellcheck disable=SC2086
    if out=$(apt-get install -s -q $absent 2>/dev/null) && ! echo "$out" | grep -q '^Inst '; then
        return 0
    fi
    echo "$absent"
}

install_system_packages() {
    need=$(missing_packages)
    [ -n "$need" ] || return 0
    if [ "$(id -u)" -eq 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1; then
        as_root="sudo"
    else
        say "these system packages are missing and installing them needs root or sudo:$need"
        exit 1
    fi
    say "installing system packages:$need"
    $as_root apt-get update -q
    # shellcheck disable=SC2086
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
}

# The virtual environment with heatoffice (and with "test" its test tools) installed.
prepare() {
    install_system_packages
    if [ ! -x "$venv/bin/python" ]; then
        say "making the virtual environment $venv"
        "$python" -m venv "$venv"
    fi
    extra=""
    [ "$1" = test ] && extra="[test]"
    say "installing heatoffice$extra into $venv"
    "$venv/bin/python" -m pip install -q "$here$extra"
}

usage() {
    sed -n '2,8s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
demo)
    prepare demo
    exec "$venv/bin/heatoffice" --demo "$@"
    ;;
test)
    prepare test
    cd "$here"
    # The environment's tools first on PATH: some tests run them (pyside6-lrelease).
    PATH="$venv/bin:$PATH"
    export PATH
    ruff check .
    mypy heatoffice
    QT_QPA_PLATFORM=offscreen exec python -m pytest "$@"
    ;;
smoke)
    prepare demo
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -m 700 "$tmp/run"
    # A fresh home, settings and database: the first start of a new desk. Any Qt warning, an
    # exception or a window that does not fit the screen makes it exit non-zero.
    HEATOFFICE_HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run" \
        HEATOFFICE_SMOKE=1 HEATOFFICE_PASSWORD=demo-admin-1 QT_QPA_PLATFORM=xcb \
        xvfb-run -a -s "-screen 0 1366x768x24" \
        "$venv/bin/heatoffice" --db "sqlite:///$tmp/demo.db" --demo "$@"
    ;;
*)
    usage
    ;;
esac
