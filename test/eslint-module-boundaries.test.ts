import { RuleTester } from 'eslint';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { moduleBoundaries } from '../scripts/eslint-module-boundaries.mjs';
import { projectRoot } from './processes';

RuleTester.describe = describe;
RuleTester.it = it;

const modules = join(projectRoot, 'src/modules');
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } });

/** The module boundary rule: modules meet at index.ts; db-schema.ts may reach db-schema.ts. */
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
      filename: join(modules, 'papers/repository.ts'),
      code: "import { meetings } from '../meetings/db-schema';",
      errors: 1,
    },
    {
      filename: join(modules, 'papers/index.ts'),
      code: "export { x } from '../meetings/service';",
      errors: 1,
    },
  ],
});
