import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Maps the `@wallet-platform/*` aliases of tsconfig.base.json to source for jest (one source of truth). */
export function pathsToModuleNameMapper(): Record<string, string> {
  const root = join(__dirname, '..', '..');
  const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const mapper: Record<string, string> = {};
  for (const [alias, [target]] of Object.entries(base.compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/.]/g, '\\$&')}$`] = join(root, target);
  }
  return mapper;
}
