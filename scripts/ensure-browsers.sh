#!/usr/bin/env bash
# The conformance suite drives Debian's Chromium, Firefox ESR and WebKitGTK. Install what is missing
# when we can (root with apt-get); otherwise the suite reports each missing engine as a failure.
# certutil (libnss3-tools) makes Chromium and Firefox trust the HTTPS run's throwaway CA; a C
# compiler builds the clock the max-age run moves (test/support/clock).
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || need+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing browsers from Debian: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "corskit: could not install ${need[*]}; the conformance suite will report the missing engines" >&2
else
  echo "corskit: missing ${need[*]} (install them from your distribution to run the real-browser suite)" >&2
fi
exit 0
