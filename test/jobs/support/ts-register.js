// Loads TypeScript in the worker child processes the jobs tests spawn: transpile-only (like
// ts-node/register/transpile-only) with the project's compiler options, cached on disk by content so that every
// worker after the first starts in a few seconds instead of transpiling the whole app again.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const root = path.join(__dirname, '..', '..', '..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
const compilerOptions = {
  ...options,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: false,
  noEmit: false,
};
const cacheDir = path.join(os.tmpdir(), `relocation-ts-cache-${ts.version}`);
fs.mkdirSync(cacheDir, { recursive: true });
const salt = JSON.stringify(compilerOptions);

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(salt).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
    const temporary = `${cached}.${process.pid}`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  }
  module._compile(code, filename);
};
