#!/usr/bin/env bash
# Fails when the console's committed API client (web/src/api/schema.d.ts) is not the one the server's current
# OpenAPI document gives: run `npm run api:client` and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npx ts-node --transpile-only scripts/export-openapi.ts "$tmp/openapi.json"
npx openapi-typescript "$tmp/openapi.json" -o "$tmp/schema.d.ts" >/dev/null
npx prettier --stdin-filepath web/src/api/schema.d.ts < "$tmp/schema.d.ts" > "$tmp/schema.formatted.d.ts"
if ! diff -q web/src/api/schema.d.ts "$tmp/schema.formatted.d.ts" >/dev/null; then
  diff -u web/src/api/schema.d.ts "$tmp/schema.formatted.d.ts" | head -40
  echo "ERROR: web/src/api/schema.d.ts is out of date with the API: run 'npm run api:client' and commit it"
  exit 1
fi
echo "API client is current"
