import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumArguments, chromiumPath, isBrowserMissing } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the run's one Chromium listens; every browser test file connects to it. */
    chromiumEndpoint: string;
  }
}

/**
 * Once per run: one Chromium for all browser test files (each gets its own contexts), instead of
 * a browser started and stopped by every file.
 */
export default async function setup(project: TestProject) {
  if (isBrowserMissing()) {
    project.provide('chromiumEndpoint', '');
    return;
  }
  const server = await chromium.launchServer({
    executablePath: chromiumPath,
    args: chromiumArguments,
  });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
