#!/usr/bin/env bash
# README's test command: installs what the tests need and is missing (as root, with apt), else says exactly what to
# install and stops; then runs every test. Arguments go to `dotnet test` (e.g. --filter HoldsPageTests).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet is not on PATH): https://dot.net" >&2; exit 1; }

# What the suite runs besides .NET, each as: the Debian package, then a command that says it is there.
#   chromium: the browser journeys (Playwright drives Debian's Chromium; it cannot download one here);
#   fonts-wqy-microhei: legible Chinese in their screenshots; postgresql: the PostgreSQL-provider tests start a
#   throwaway cluster with its initdb; nginx: the proxy test runs README's configuration; wrk: the benchmarks' B7.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} (apt-get)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need: ${missing[*]}. Install them first, as root:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Warnings are errors in every project (Directory.Build.props).
exec dotnet test PosLink.sln "$@"
