#!/usr/bin/env bash
# Installs the Debian packages shownotes uses: espeak-ng (the aligner's
# synthesiser, loaded at run time) and chromium (the episode page's browser
# tests). Does nothing when they are present; says what to do when not root.
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q 'libespeak-ng.so.1' || need+=(espeak-ng)
[ -d /usr/share/espeak-ng-data ] || [ -d /usr/lib/x86_64-linux-gnu/espeak-ng-data ] || need+=(espeak-ng-data)
if [ "${SHOWNOTES_NO_BROWSER:-}" = "" ]; then
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "shownotes needs: ${need[*]} — install them with: sudo apt-get install ${need[*]}" >&2
  exit 0
fi
echo "installing ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
