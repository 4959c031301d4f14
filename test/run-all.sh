#!/usr/bin/env bash
# The whole suite: unit tests, then the e2e suite on a fresh SQLite file per test file and, at the same time, the
# same e2e suite on PostgreSQL (a fresh database per test file, dropped after), then the console's Vitest tests and
# its browser journeys in Chromium against the production build. Prints one closing line.
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
  "$@" --json --outputFile="$out/$name.json"
}

run unit npx jest --selectProjects unit || status=1
# The e2e suite on both databases side by side, each file after file (--runInBand) on its own fresh database (a
# SQLite file, a PostgreSQL database) and its own Redis key prefixes: each suite waits on its database much of the
# time, so together they keep the two cores busy — about five minutes less than one after the other. The SQLite
# run's output is kept and printed when both are done, so the log reads one suite at a time.
run e2e-sqlite npx jest --selectProjects e2e --runInBand >"$out/e2e-sqlite.log" 2>&1 &
sqlite_pid=$!
DB=postgres run e2e-postgres npx jest --selectProjects e2e --runInBand || status=1
wait "$sqlite_pid" || status=1
cat "$out/e2e-sqlite.log"

# The console: its own logic in Vitest, then journeys in real Chromium against the production build.
echo "=== web-unit ==="
(cd web && npx vitest run --reporter=default --reporter=json --outputFile="$out/web-unit.json") || status=1
echo "=== browser ==="
if bash scripts/ensure-browser.sh && npm run build >"$out/build.log" 2>&1; then
  (cd web && PLAYWRIGHT_JSON_OUTPUT_NAME="$out/browser.json" npx playwright test --reporter=list,json) || status=1
else
  cat "$out/build.log"; echo "ERROR: browser tests not run (no Chromium or the build failed)"; status=1
fi

node -e '
  const fs = require("fs"); let passed = 0, failed = 0, suitesFailed = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    if (!f.endsWith(".json")) continue;
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    // Jest and Vitest write numPassedTests…; Playwright writes stats (expected = passed, unexpected = failed).
    const p = r.stats ? r.stats.expected + r.stats.flaky : r.numPassedTests;
    const x = r.stats ? r.stats.unexpected : r.numFailedTests;
    const s = r.stats ? (r.errors || []).length : r.numFailedTestSuites;
    passed += p; failed += x; suitesFailed += s;
    console.log(`${f.replace(".json", "")}: ${p} passed, ${x} failed, ${s} suites failed`);
  }
  console.log(`Node ${process.version} ran every test; wall time ${process.argv[2]} s` +
    (process.env.CI_STARTED_AT ? " (since .ci/run started, npm ci included)" : ""));
  console.log(`Tests: ${passed} passed, ${failed} failed`);
' "$out" "$(( $(date +%s) - started ))"
exit $status
