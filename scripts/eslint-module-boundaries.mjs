// An ESLint rule of this project, used by eslint.config.js.
import { dirname, relative, resolve, sep } from 'node:path';

const modulesRoot = resolve(import.meta.dirname, '../src/modules');

/**
 * The files that may read another module's tables directly, by importing its db-schema.ts,
 * each for a reason given in docs/ARCHITECTURE.md ("Module doors"). Everything else asks the
 * owner module through its index.ts.
 */
const tableReaders = [
  'backup/repository',
  'importers/repository',
  'privacy/repository',
  'search/repository',
];

/** The module a file belongs to and its path inside it, or undefined outside src/modules. */
function locateInModules(file) {
  const inside = relative(modulesRoot, file);
  if (inside.startsWith('..') || inside === '') return undefined;
  const [module, ...rest] = inside.split(sep);
  return { module, path: rest.join('/').replace(/\.tsx?$/, '') };
}

/** Whether a file of a module may import another module's db-schema.ts. */
function mayImportOtherTables(from) {
  return (
    from.path === 'db-schema' ||
    from.path.endsWith('.test') ||
    tableReaders.includes(`${from.module}/${from.path}`)
  );
}

/**
 * Modules meet only at each other's index.ts, from any depth of folder (a relative import is
 * resolved, so `../../papers/repository` from a views/ subfolder is caught too). Another
 * module's db-schema.ts may be imported by a db-schema.ts (foreign keys, views), by a test (to
 * arrange and check rows) and by the few table readers above.
 */
export const moduleBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = locateInModules(context.filename);
    if (!from) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = locateInModules(resolve(dirname(context.filename), source));
      if (!to || to.module === from.module || to.path === 'index' || to.path === '') return;
      if (to.path === 'db-schema' && mayImportOtherTables(from)) return;
      context.report({
        node: node.source,
        message: `Import the ${to.module} module only through its index.ts (not ${to.path}).`,
      });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

/**
 * A module's index.ts is its door: services, types and views go through it, its tables and its
 * repository do not. A type from either may be re-exported (`export type { … }`).
 */
export const moduleDoors = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = locateInModules(context.filename);
    if (!from || from.path !== 'index') return {};
    const check = (node) => {
      const source = node.source?.value;
      if (source !== './db-schema' && source !== './repository') return;
      const isType = (exported) => exported.exportKind === 'type';
      if (isType(node) || node.specifiers?.every(isType)) return;
      context.report({
        node: node.source,
        message: `A module's index.ts exports no tables or repository functions (${source}).`,
      });
    };
    return { ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
