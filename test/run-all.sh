#!/usr/bin/env bash
# The whole suite: unit tests, then the e2e suite on a fresh SQLite file per test file, then the same
# e2e suite on PostgreSQL (a fresh database per test file, dropped after). Prints one closing line.
# Runs on Node 24: the Node on PATH if it is 24, else the one scripts/node24.sh fetches into tools/node24/.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
status=0
started=${CI_STARTED_AT:-$(date +%s)}

# shellcheck source=../scripts/node24.sh
. scripts/node24.sh || exit 1
node_version=$(node -v)
if [[ $node_version != v24.* ]]; then
  echo "ERROR: the tests run on Node 24 (package.json engines); this is $node_version"
  exit 1
fi

bash scripts/ensure-services.sh || exit 1

run() {
  local name=$1; shift
  echo "=== $name ==="
  if ! "$@" --json --outputFile="$out/$name.json"; then status=1; fi
}

run unit npx jest --selectProjects unit
run e2e-sqlite npx jest --selectProjects e2e --runInBand
DB=postgres run e2e-postgres npx jest --selectProjects e2e --runInBand

node -e '
  const fs = require("fs"); let passed = 0, failed = 0, suitesFailed = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; suitesFailed += r.numFailedTestSuites;
    console.log(`${f.replace(".json", "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numFailedTestSuites} suites failed`);
  }
  console.log(`Node ${process.version} ran every test; wall time ${process.argv[2]} s` +
    (process.env.CI_STARTED_AT ? " (since .ci/run started, npm ci included)" : ""));
  console.log(`Tests: ${passed} passed, ${failed} failed`);
' "$out" "$(( $(date +%s) - started ))"
exit $status
