// `npm start` / `npm run start:dev` on an older Node stop here with a clear message instead of failing later (a
// node_modules built for Node 24 crashes Node 20 when sqlite3 loads). See the README: `. scripts/node24.sh` first.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `This project runs on Node 24 LTS; this is Node ${process.version} (end-of-life). ` +
      'Install Node 24 (.nvmrc), or run `. scripts/node24.sh` in this shell to fetch it into tools/node24/, then `npm ci`.',
  );
  process.exit(1);
}
