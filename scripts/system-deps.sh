#!/usr/bin/env bash
# The system programs the tests start for real: three browser engines, Redis and two HTTP caches
# (Varnish for ESI and the replica topology, nginx for SSI).
# `npm test` and `.ci/run` both begin here. Missing ones are installed from Debian's packages
# when this runs as root with apt; otherwise it stops at once with the exact command to run.
set -euo pipefail

# package:binary pairs; a binary that is found on PATH (or at the path given) counts as present.
required=(
  "chromium:${CHROME_PATH:-chromium}"
  "firefox-esr:${FIREFOX_PATH:-firefox-esr}"
  "webkit2gtk-driver:WebKitWebDriver"
  "xvfb:Xvfb"
  "redis-server:redis-server"
  "varnish:varnishd"
  "nginx:nginx"
)

missing=()
for pair in "${required[@]}"; do
  pkg="${pair%%:*}"
  bin="${pair#*:}"
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "$bin" ] && [ ! -x "/usr/sbin/$bin" ]; then
    missing+=("$pkg")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y ${missing[*]}"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what the tests need from Debian's packages: ${missing[*]}"
  apt-get update -qq
  # The tests start their own servers on free ports: the packages' services (nginx on port 80,
  # redis, varnish) are not started at install, so a busy port cannot fail the install.
  policy=/usr/sbin/policy-rc.d
  created_policy=''
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || status=$?
  [ -n "$created_policy" ] && rm -f "$policy"
  exit "$status"
fi

echo "The tests need system packages that are missing: ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "Install them as root, then run npm test again:" >&2
  echo "  sudo sh -c '$command'" >&2
else
  echo "This machine has no apt-get: install the equivalents of ${missing[*]} with its package manager." >&2
fi
exit 1
