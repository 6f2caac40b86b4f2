#!/usr/bin/env bash
# The real-server lane: Flotilla's tests against a real Temporal server (the CLI's dev server with
# SQLite and the Web UI), moto's AWS emulator, and the Web UI in headless Chromium.
#
# Usage: scripts/real-server-lane.sh
#
# Starts a Temporal dev server (scripts/temporal-dev-server.sh) and moto (scripts/moto-server.py) on
# free loopback ports with fresh state, runs `./mvnw -P real-server` over the tests that need them
# (RealServer*Test and EmbeddedStackEndToEndTest, which then runs on the real server), and stops
# both. What it cannot get it reports, and goes on without:
#   - no Temporal CLI and no Go (or the module proxy refuses it): prints
#     "real-server lane skipped: <reason>" and exits 0; nothing else can run.
#   - no moto (pip refused): the AWS-emulator test is skipped, with the pip error printed.
#   - no Chromium or playwright-core: the Web UI test is skipped, with the reason printed.
# Needs only what the lane uses: Go or a cached CLI, Python 3 with venv/pip, node/npm, Debian's
# chromium. `./flotilla demo` and `./mvnw verify` never need any of them.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
cache="${HOME}/.cache/flotilla"
moto_venv="${cache}/moto-venv"
# Pinned in one place each: the CLI in temporal-dev-server.sh, playwright-core in
# scripts/webui/package-lock.json, moto and cbor2 here.
moto_requirements=("moto[server]==5.2.5" "cbor2==6.2.1")
lane_started=$SECONDS

say() { echo "real-server lane: $*"; }
skip() {
  echo "real-server lane skipped: $*"
  exit 0
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

state_dir="$(mktemp -d "${TMPDIR:-/tmp}/flotilla-lane.XXXXXX")"
export FLOTILLA_REAL_SERVER_DIR="$state_dir"
export FLOTILLA_TEMPORAL_PORT="${FLOTILLA_TEMPORAL_PORT:-$(free_port)}"
export FLOTILLA_TEMPORAL_UI_PORT="${FLOTILLA_TEMPORAL_UI_PORT:-$(free_port)}"
moto_pid=""
cleanup() {
  scripts/temporal-dev-server.sh stop >/dev/null 2>&1 || true
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$state_dir"
}
trap cleanup EXIT

# 1. The Temporal CLI: without it nothing in the lane can run.
step_started=$SECONDS
set +e
cli_out="$(scripts/temporal-dev-server.sh cli 2>&1)"
cli_status=$?
set -e
if [ "$cli_status" -ne 0 ]; then
  skip "$(printf '%s' "$cli_out" | grep -v '^ ' | tail -n 1 | sed 's/^temporal-dev-server: //')"
fi
say "Temporal CLI $(printf '%s' "$cli_out" | tail -n 1) ($((SECONDS - step_started)) s)"
scripts/temporal-dev-server.sh start | sed 's/^/real-server lane: /'
export TEMPORAL_ADDRESS="127.0.0.1:${FLOTILLA_TEMPORAL_PORT}"

# 2. moto, in a venv under the cache so the system's Python is left alone.
step_started=$SECONDS
moto_ready=""
if [ ! -x "${moto_venv}/bin/python" ] || ! "${moto_venv}/bin/python" -c 'import moto, cbor2' 2>/dev/null; then
  if python3 -m venv "$moto_venv" >"${state_dir}/pip.log" 2>&1 &&
    "${moto_venv}/bin/pip" install -q "${moto_requirements[@]}" >>"${state_dir}/pip.log" 2>&1; then
    say "installed ${moto_requirements[*]} into ${moto_venv}"
  else
    say "moto is not available, the AWS-emulator test will be skipped; pip said:"
    tail -n 5 "${state_dir}/pip.log" | sed 's/^/  /'
  fi
fi
if "${moto_venv}/bin/python" -c 'import moto, cbor2' 2>/dev/null; then
  moto_port="$(free_port)"
  "${moto_venv}/bin/python" scripts/moto-server.py --port "$moto_port" >"${state_dir}/moto.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 60); do
    if curl -fsS -o /dev/null "http://127.0.0.1:${moto_port}/moto-api/" 2>/dev/null; then
      moto_ready=1
      break
    fi
    sleep 0.5
  done
  if [ -n "$moto_ready" ]; then
    export MOTO_ENDPOINT="http://127.0.0.1:${moto_port}"
    say "moto on ${MOTO_ENDPOINT} ($((SECONDS - step_started)) s)"
  else
    say "moto did not answer within 30 s; the AWS-emulator test will be skipped"
  fi
fi

# 3. The Web UI check: Debian's chromium and playwright-core, never a browser download.
step_started=$SECONDS
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  say "installing Debian's chromium"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
    >"${state_dir}/apt.log" 2>&1 || tail -n 3 "${state_dir}/apt.log"
fi
if [ ! -d scripts/webui/node_modules/playwright-core ] && command -v npm >/dev/null; then
  (cd scripts/webui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >"${state_dir}/npm.log" 2>&1) ||
    { say "npm ci failed:"; tail -n 5 "${state_dir}/npm.log" | sed 's/^/  /'; }
fi
if [ -x /usr/bin/chromium ] && [ -d scripts/webui/node_modules/playwright-core ] && command -v node >/dev/null; then
  export TEMPORAL_UI="http://127.0.0.1:${FLOTILLA_TEMPORAL_UI_PORT}"
  say "Web UI on ${TEMPORAL_UI}, checked with $(/usr/bin/chromium --version 2>/dev/null | head -n 1) ($((SECONDS - step_started)) s)"
else
  say "no chromium, node or playwright-core: the Web UI test will be skipped"
fi

# 4. The tests. Spotless and the architecture rules ran in the default lane already.
step_started=$SECONDS
say "running the real-server tests against ${TEMPORAL_ADDRESS}"
./mvnw -B -ntp -P real-server -pl starter-cli,worker -am test \
  -Dtest='RealServer*Test,EmbeddedStackEndToEndTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true
say "tests took $((SECONDS - step_started)) s; the lane $((SECONDS - lane_started)) s"
