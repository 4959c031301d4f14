#!/usr/bin/env bash
# The whole suite: unit tests, then the e2e suite on a fresh SQLite file per test file, then the same
# e2e suite on PostgreSQL (a fresh database per test file, dropped after). Prints one closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
status=0

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
  console.log(`Tests: ${passed} passed, ${failed} failed`);
' "$out"
exit $status
