#!/usr/bin/env bash
# Installs what taizhang needs on a fresh Debian 12 machine (run as root).
#   tools/bootstrap.sh            C++ toolchain and libraries
#   tools/bootstrap.sh --python   also a virtualenv .venv on Debian's Python 3.11
#                                 with the pinned build requirements
#   tools/bootstrap.sh --sanitizers   also clang with its sanitizer and libFuzzer
#                                 runtimes (tools/sanitize.sh, tools/fuzz.sh)
# Options may be combined.
# Python is Debian's /usr/bin/python3, chosen explicitly: the system
# interpreter is "externally managed", so packages go into .venv.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt_packages=(build-essential cmake ninja-build pkg-config libicu-dev libboost-dev
              libboost-date-time-dev googletest libgtest-dev libbenchmark-dev
              nlohmann-json3-dev)
python=0
for arg in "$@"; do
  case "$arg" in
    --python) python=1; apt_packages+=(python3 python3-dev python3-venv fonts-noto-cjk) ;;
    --sanitizers) apt_packages+=(clang libclang-rt-14-dev) ;;  # Debian 12's clang is 14
    *) echo "usage: tools/bootstrap.sh [--python] [--sanitizers]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "$python" = 1 ]; then
  [ -x .venv/bin/python ] || /usr/bin/python3 -m venv .venv
  # The build requirements of pyproject.toml, so that the package can be
  # built without isolation against them; the test extras come with it.
  build_requires=$(.venv/bin/python -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))')
  # shellcheck disable=SC2086
  .venv/bin/python -m pip install -q $build_requires
fi
