#!/usr/bin/env bash
# Validates docker-compose.temporal.yml without a Docker engine: runs
# `docker-compose config -q`, which parses the file, interpolates variables and
# checks it against the Compose schema (service keys, depends_on conditions,
# healthchecks, volumes), but starts nothing.
#
# Uses Debian's docker-compose (1.29): the oldest Compose this stack aims to
# support, so a file that passes here also works with Compose v2. Installs it
# with apt-get when missing (root only).
#
# Usage: scripts/validate-compose.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose_file="docker-compose.temporal.yml"

if ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "validate-compose: docker-compose is not installed, and installing it" >&2
    echo "validate-compose: (apt-get install docker-compose) needs root." >&2
    echo "validate-compose: re-run as root, or install docker-compose first." >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "validate-compose: docker-compose is not installed and apt-get is not available" >&2
    exit 1
  fi
  echo "validate-compose: installing docker-compose with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker-compose >/dev/null
fi

cd "$repo_root"
if [ ! -f "$compose_file" ]; then
  echo "validate-compose: $repo_root/$compose_file not found" >&2
  exit 1
fi

echo "validate-compose: $(docker-compose version --short 2>/dev/null || echo unknown) on $compose_file"
docker-compose -f "$compose_file" config -q
echo "compose file valid"
