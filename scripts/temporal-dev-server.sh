#!/usr/bin/env bash
# A real Temporal server for the real-server lane: `temporal server start-dev` on 127.0.0.1 with a
# SQLite file, Flotilla's search attributes and the Web UI.
#
# Usage: scripts/temporal-dev-server.sh start|stop|status|cli
#   start   get the CLI, start the server in the background, wait until it serves, print addresses
#   stop    stop the server started by `start` (pid file), wait for it to exit
#   status  exit 0 when the server answers its health check, else 1
#   cli     get the CLI only and print its path
#
# Environment: FLOTILLA_TEMPORAL_PORT (7233), FLOTILLA_TEMPORAL_UI_PORT (gRPC port + 1000),
# FLOTILLA_REAL_SERVER_DIR (.flotilla/real-server: pid file, log, SQLite file), FLOTILLA_GO (the go
# binary; default: go on PATH, else /usr/local/go/bin/go).
#
# The CLI is an existing `temporal` on PATH, else the one cached in ~/.cache/flotilla/bin, else
# `go install` of the pinned version into that cache (about 6 minutes on 2 cores). Without Go, or
# when the Go module proxy refuses the module, it says why and exits 3: only this lane needs Go,
# never `./flotilla demo` or `./mvnw verify`.
set -euo pipefail

# The one place the version is pinned: CLI v1.5.1 serves Temporal Server 1.29.1 and UI 2.42.1,
# the server version docker-compose.temporal.yml runs.
TEMPORAL_CLI_MODULE="github.com/temporalio/cli/cmd/temporal"
TEMPORAL_CLI_VERSION="v1.5.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_bin="${HOME}/.cache/flotilla/bin"
port="${FLOTILLA_TEMPORAL_PORT:-7233}"
ui_port="${FLOTILLA_TEMPORAL_UI_PORT:-$((port + 1000))}"
state_dir="${FLOTILLA_REAL_SERVER_DIR:-${repo_root}/.flotilla/real-server}"
pid_file="${state_dir}/temporal-${port}.pid"
log_file="${state_dir}/temporal-${port}.log"
db_file="${state_dir}/temporal-${port}.sqlite"
# Keep in step with dev.flotilla.common.FlotillaSearchAttributes.all().
search_attributes=(FlotillaKind FlotillaStage FlotillaScope FlotillaUser FlotillaPriority)

say() { echo "temporal-dev-server: $*" >&2; }

find_cli() {
  if command -v temporal >/dev/null 2>&1; then
    command -v temporal
    return
  fi
  if [ -x "${cache_bin}/temporal" ]; then
    local stamp="${cache_bin}/temporal.version"
    # A binary without a stamp predates it; one stamped with another version is rebuilt.
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" = "$TEMPORAL_CLI_VERSION" ]; then
      echo "${cache_bin}/temporal"
      return
    fi
  fi
  local go_bin="${FLOTILLA_GO:-$(command -v go || echo /usr/local/go/bin/go)}"
  if [ ! -x "$go_bin" ]; then
    say "no temporal CLI on PATH or in ${cache_bin}, and no Go toolchain to build ${TEMPORAL_CLI_VERSION}"
    exit 3
  fi
  say "building the Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go_bin} (takes minutes; cached in ${cache_bin})"
  mkdir -p "$cache_bin"
  local started=$SECONDS
  if ! GOBIN="$cache_bin" "$go_bin" install "${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}" >"${cache_bin}/go-install.log" 2>&1; then
    say "go install ${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION} failed:"
    tail -n 5 "${cache_bin}/go-install.log" >&2
    exit 3
  fi
  echo "$TEMPORAL_CLI_VERSION" >"${cache_bin}/temporal.version"
  say "built in $((SECONDS - started)) s"
  echo "${cache_bin}/temporal"
}

healthy() {
  "$1" operator cluster health --address "127.0.0.1:${port}" --command-timeout 2s 2>/dev/null |
    grep -q SERVING
}

start() {
  local cli
  cli="$(find_cli)"
  mkdir -p "$state_dir"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    say "already running (pid $(cat "$pid_file"))"
    print_addresses
    return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
    say "port ${port} is already in use (set FLOTILLA_TEMPORAL_PORT)"
    exit 3
  fi
  local args=(server start-dev --ip 127.0.0.1 --port "$port" --ui-port "$ui_port"
    --db-filename "$db_file" --log-level warn
    # Server 1.29 orders a task queue's backlog by priority key only with the priority matcher,
    # off by default, and only within one partition (a poller takes from one of four at random),
    # so the lane's single-node server keeps every queue in one partition. Without either,
    # RealServerPriorityTest measured backlogged activities leaving in no priority order.
    --dynamic-config-value matching.useNewMatcher=true
    --dynamic-config-value matching.numTaskqueueReadPartitions=1
    --dynamic-config-value matching.numTaskqueueWritePartitions=1)
  local name
  for name in "${search_attributes[@]}"; do args+=(--search-attribute "${name}=Keyword"); done
  local started=$SECONDS
  # setsid: the server outlives this script and ignores the caller's terminal signals.
  setsid "$cli" "${args[@]}" >"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  local tries=0
  until healthy "$cli"; do
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      say "the server exited while starting; its log (${log_file}) ends with:"
      tail -n 20 "$log_file" >&2
      rm -f "$pid_file"
      exit 3
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ]; then
      say "no healthy answer on 127.0.0.1:${port} after 60 s; log: ${log_file}"
      stop
      exit 3
    fi
    sleep 0.5
  done
  say "serving after $((SECONDS - started)) s (pid $(cat "$pid_file"), ${cli})"
  print_addresses
}

print_addresses() {
  echo "TEMPORAL_ADDRESS=127.0.0.1:${port}"
  echo "TEMPORAL_UI=http://127.0.0.1:${ui_port}"
  echo "TEMPORAL_DB=${db_file}"
}

stop() {
  if [ ! -f "$pid_file" ]; then
    say "not running (no ${pid_file})"
    return
  fi
  local pid
  pid="$(cat "$pid_file")"
  if kill -TERM "$pid" 2>/dev/null; then
    local tries=0
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 40 ]; do
      sleep 0.25
      tries=$((tries + 1))
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  say "stopped (pid ${pid})"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) healthy "$(find_cli)" ;;
  cli) find_cli ;;
  *)
    echo "usage: $0 start|stop|status|cli" >&2
    exit 2
    ;;
esac
