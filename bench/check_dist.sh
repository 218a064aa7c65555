#!/usr/bin/env bash
# The release check (`make dist-check`, minutes: not part of `make test`): build the sdist and the wheel
# with `python -m build`, install each into a fresh virtual environment, and run, against the installed
# package, the unpacked sdist's own test suite (which includes the README's examples) and the README's
# commands. Usage: bench/check_dist.sh [PYTEST ARGS...]   (e.g. -x -q, or -k golden for a quick look)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/seminar-parse-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
pytest_args=("$@")
[ ${#pytest_args[@]} -gt 0 ] || pytest_args=(-q)

step() { printf '\n== %s\n' "$*" >&2; }

step "build sdist and wheel (the wheel is built from the sdist, as a packager would)"
"$PYTHON" -m venv "$work/buildenv"
"$work/buildenv/bin/python" -m pip install --quiet --upgrade pip build
"$work/buildenv/bin/python" -m build --outdir "$work/dist" . >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
sdist=$(ls "$work"/dist/*.tar.gz)
wheel=$(ls "$work"/dist/*.whl)
echo "built $(basename "$sdist") and $(basename "$wheel")" >&2
tar -xzf "$sdist" -C "$work"
tree=$(ls -d "$work"/seminar_parse-*/)

check() {  # $1: what to install (the wheel or the sdist), $2: a name for its environment
    local env="$work/env-$2"
    step "$2: fresh venv, pip install $(basename "$1")[test]"
    "$PYTHON" -m venv "$env"
    "$env/bin/python" -m pip install --quiet --upgrade pip
    "$env/bin/python" -m pip install --quiet "$1[test]"
    # the package under test is the installed one, never the tree's src/
    (cd "$work" && "$env/bin/python" -c 'import seminar_parse, sys; assert "site-packages" in seminar_parse.__file__, seminar_parse.__file__; print("testing", seminar_parse.__file__)')
    step "$2: README commands"
    (cd "$tree" && "$env/bin/seminar-parse" --version && "$env/bin/seminar-parse" samples/zh-gbk-encoded.txt >/dev/null \
        && "$env/bin/seminar-parse" samples/ --format jsonl -q | wc -l \
        && "$env/bin/seminar-parse" --schema | "$env/bin/python" -c 'import json, sys; json.load(sys.stdin)')
    step "$2: the sdist's test suite against the installed package"
    (cd "$tree" && PYTHONPATH= "$env/bin/python" -m pytest -p no:cacheprovider "${pytest_args[@]}")
}

check "$wheel" wheel
check "$sdist" sdist
step "both passed"
