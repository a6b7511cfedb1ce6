#!/usr/bin/env bash
# Installs the Debian build dependencies when pkg-config cannot find them.
# Used by `make run` and `make test` so that a fresh machine needs no other step.
set -euo pipefail
need=()
pkg-config --exists libmicrohttpd 2>/dev/null || need+=(libmicrohttpd-dev)
pkg-config --exists jansson 2>/dev/null || need+=(libjansson-dev)
pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
pkg-config --exists check 2>/dev/null || need+=(check)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v cc >/dev/null || need+=(gcc)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
[ ${#need[@]} -eq 0 ] && exit 0
echo "deps: installing ${need[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" make >/dev/null
