import { runCli } from './cli/run-cli';

/** The `dagsorden` command (npm run cli): the commands live in cli/run-cli.ts. */
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
