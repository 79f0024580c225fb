import { RuleTester } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { moduleBoundaries, moduleDoors } from '../scripts/eslint-module-boundaries.mjs';
import { projectRoot } from './processes';

RuleTester.describe = describe;
RuleTester.it = it;

const modules = join(projectRoot, 'src/modules');
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } });

/**
 * The module boundary rule: modules meet at index.ts; db-schema.ts, tests and the listed table
 * readers may reach another module's db-schema.ts.
 */
tester.run('module-boundaries', moduleBoundaries, {
  valid: [
    {
      filename: join(modules, 'papers/service.ts'),
      code: "import { x } from '../meetings/index';",
    },
    {
      filename: join(modules, 'papers/views/page.tsx'),
      code: "import { x } from '../../meetings';",
    },
    { filename: join(modules, 'papers/views/page.tsx'), code: "import { x } from '../service';" },
    {
      filename: join(modules, 'accounts/db-schema.ts'),
      code: "import { persons } from '../organizations/db-schema';",
    },
    {
      filename: join(modules, 'privacy/repository.ts'),
      code: "import { meetings } from '../meetings/db-schema';",
    },
    {
      filename: join(modules, 'importers/repository.ts'),
      code: "import { papers } from '../papers/db-schema';",
    },
    {
      filename: join(modules, 'portal/portal.int.test.ts'),
      code: "import { meetingPublications } from '../publishing/db-schema';",
    },
    { filename: join(projectRoot, 'test/x.ts'), code: "import { x } from '../src/modules/a/b';" },
  ],
  invalid: [
    {
      filename: join(modules, 'papers/service.ts'),
      code: "import { x } from '../meetings/repository';",
      errors: [
        { message: 'Import the meetings module only through its index.ts (not repository).' },
      ],
    },
    {
      filename: join(modules, 'papers/views/page.tsx'),
      code: "import { x } from '../../meetings/repository';",
      errors: 1,
    },
    {
      filename: join(modules, 'submissions/repository.ts'),
      code: "import { meetings } from '../meetings/db-schema';",
      errors: 1,
    },
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export { x } from '../meetings/service';",
      errors: 1,
    },
    {
      filename: join(modules, 'papers/service.ts'),
      code: "import { meetings } from '../meetings/db-schema';",
      errors: [
        { message: 'Import the meetings module only through its index.ts (not db-schema).' },
      ],
    },
    {
      filename: join(modules, 'privacy/service.ts'),
      code: "import { meetings } from '../meetings/db-schema';",
      errors: 1,
    },
    {
      filename: join(modules, 'importers/views/page.tsx'),
      code: "import { meetings } from '../../meetings/db-schema';",
      errors: 1,
    },
  ],
});

const typescriptTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

/** The door rule: an index.ts exports neither tables nor repository functions. */
typescriptTester.run('module-doors', moduleDoors, {
  valid: [
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export { createPaper } from './service';",
    },
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export type { PaperRow } from './repository';",
    },
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export { type PaperRow } from './repository';",
    },
    {
      filename: join(modules, 'papers/service.ts'),
      code: "export { papers } from './db-schema';",
    },
  ],
  invalid: [
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export { papers } from './db-schema';",
      errors: [
        { message: "A module's index.ts exports no tables or repository functions (./db-schema)." },
      ],
    },
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export { selectPaper, type PaperRow } from './repository';",
      errors: 1,
    },
    { filename: join(modules, 'papers/index.ts'), code: "export * from './db-schema';", errors: 1 },
  ],
});
