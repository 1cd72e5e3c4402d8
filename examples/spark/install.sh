#!/usr/bin/env bash
# Installs what the Spark example needs (run as root, from the checkout, after
# tools/bootstrap.sh --python): Java 17 from Debian and the pinned pyspark and
# pyarrow into the project venv. Nothing else is downloaded later: the job
# runs in local mode with the jars inside the pyspark package.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
if ! dpkg-query -W -f='${Status}' openjdk-17-jre-headless 2>/dev/null | grep -q "install ok installed"; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
# wheel lets pip build pyspark's sdist as a wheel (no legacy setup.py install).
.venv/bin/python -m pip install -q wheel==0.48.0
.venv/bin/python -m pip install -q -r examples/spark/requirements.txt
