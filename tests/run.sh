#!/usr/bin/env bash
# The project's test command (README: "Run the tests"). Installs what the tests need into the
# active Python environment, then runs the linters, the type checker and every test.
#   bash tests/run.sh            everything
#   bash tests/run.sh -k store   pytest arguments are passed on
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test]'

# System packages for the real-parts tests: headless Chromium (HTML pages) and Virtuoso (a
# second SPARQL server). Installed with apt where missing and we may; otherwise those tests skip
# with a message saying what is missing.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource-7)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing ${need[*]} with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null) \
        || echo "warning: could not install ${need[*]}; the tests that need them will skip"
fi

echo "== ruff"
python -m ruff check kg tests benchmarks
echo "== mypy"
python -m mypy
echo "== pytest"
python -m pytest "$@"
