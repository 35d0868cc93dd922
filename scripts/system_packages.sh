#!/usr/bin/env bash
# Installs the Debian packages the tests need, if missing: chromium, gettext, postgresql, voikko
# (libvoikko1 + voikko-fi: Finnish morphology for core/textsearch.py), icu (libicu-dev, pkg-config, g++:
# PyICU builds from source for core/collation.py).
set -euo pipefail
need=()
for pkg in "$@"; do
  case "$pkg" in
    chromium) command -v chromium >/dev/null 2>&1 || need+=(chromium) ;;
    gettext) command -v xgettext >/dev/null 2>&1 || need+=(gettext) ;;
    postgresql) command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql) ;;
    voikko) ls /usr/lib/*/libvoikko.so.1 /usr/lib/voikko/5/mor-standard/mor.vfst >/dev/null 2>&1 \
      || need+=(libvoikko1 voikko-fi) ;;
    icu) { pkg-config --exists icu-i18n 2>/dev/null && command -v g++ >/dev/null 2>&1; } \
      || need+=(libicu-dev pkg-config g++) ;;
    *) need+=("$pkg") ;;
  esac
done
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
