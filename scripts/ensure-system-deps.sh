#!/bin/sh
# Installs the Debian packages the end-to-end tests need, when they are missing.
# Without root or apt-get it says so; the tests that need a tool then skip with a reason.
missing=""
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installerar:$missing"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "Saknas:$missing (installera med din pakethanterare; testerna som behöver dem hoppas över)" >&2
fi
exit 0
