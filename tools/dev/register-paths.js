// Resolves the `@wallet-platform/*` aliases of tsconfig.base.json to the compiled libs in dist/,
// so `node -r ./tools/dev/register-paths.js dist/apps/<app>/src/main.js` runs a service.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

const root = join(__dirname, '..', '..');
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const paths = {};
for (const [alias, [target]] of Object.entries(base.compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '')];
}
tsconfigPaths.register({ baseUrl: join(root, 'dist'), paths, addMatchAll: false });
