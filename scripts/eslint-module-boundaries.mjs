// An ESLint rule of this project, used by eslint.config.js.
import { dirname, relative, resolve, sep } from 'node:path';

const modulesRoot = resolve(import.meta.dirname, '../src/modules');

/** The module a file belongs to and its path inside it, or undefined outside src/modules. */
function locateInModules(file) {
  const inside = relative(modulesRoot, file);
  if (inside.startsWith('..') || inside === '') return undefined;
  const [module, ...rest] = inside.split(sep);
  return { module, path: rest.join('/').replace(/\.tsx?$/, '') };
}

/**
 * Modules meet only at each other's index.ts, from any depth of folder (a relative import is
 * resolved, so `../../papers/repository` from a views/ subfolder is caught too). A db-schema.ts
 * may import another module's db-schema.ts, for foreign keys.
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
      if (from.path === 'db-schema' && to.path === 'db-schema') return;
      context.report({
        node: node.source,
        message: `Import the ${to.module} module only through its index.ts (not ${to.path}).`,
      });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
