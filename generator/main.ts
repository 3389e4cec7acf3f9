/**
 * Command-line entry: `import | generate | check | diff | build`.
 * The only place that prints generator errors and picks exit codes.
 */
import { GeneratorError } from './errors.js';

const USAGE = `usage: npm run <command> -- [options]   (node generator/launch.cjs <command> [options])

commands (each takes --help):
  import   --from <openapi.yaml|.json|URL> [--target <name>] [--scope all|config] [--relock]   OpenAPI document → spec/<target>/ (no --target: every target made from this document, else a new one named from it)
  generate [--target <name>]         spec/<target>/spec.json → generated/<target>/, then build
  check    [--target <name>] [--from <doc>]   fail on drift between committed and regenerated output
  diff     <old doc> <new doc> [--json] [--fail-on-breaking] [--target <name>] [--scope all] [--summary-file PATH]   surface change report
  diff     --base <git ref> [--target <name>] [--json] [--fail-on-breaking] [--summary-file PATH]   the same against spec/ at a commit
  build    [--target <name>]         compile the generated packages in place
  release  [--target <name>] [--date YYYY-MM-DD] [--summary-file PATH]   bump versions, write changelogs, regenerate
  api-report [--target <name>]       write spec/<target>/<client>.api.md from the built declarations
  publish  [--target <name>] [--dry-run] [--provenance] [--tag <dist-tag>]   npm publish every package whose version is not on the registry`;

/** Each command's lines of USAGE, printed by `<command> --help`. */
function usageOf(command: string): string | undefined {
  const lines = USAGE.split('\n').filter((line) => line.startsWith(`  ${command} `));
  return lines.length ? `usage: npm run ${command === 'publish' ? 'publish-packages' : command} -- [options]\n\n${lines.join('\n')}` : undefined;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const usage = command === undefined ? undefined : usageOf(command);
  if (usage && (rest.includes('--help') || rest.includes('-h'))) {
    console.log(usage);
    return;
  }
  switch (command) {
    case 'import':
      return (await import('./commands/import.js')).runImport(rest);
    case 'generate':
      return (await import('./commands/generate.js')).runGenerate(rest);
    case 'check':
      return (await import('./commands/check.js')).runCheck(rest);
    case 'diff':
      return (await import('./commands/diff.js')).runDiff(rest);
    case 'build':
      return (await import('./commands/build.js')).runBuild(rest);
    case 'release':
      return (await import('./commands/release.js')).runRelease(rest);
    case 'api-report':
      return (await import('./commands/api-report.js')).runApiReport(rest);
    case 'publish':
      return (await import('./commands/publish.js')).runPublish(rest);
    case '__daemon':
      // Started by launch.cjs (generator/daemon/client.cjs): serve this project's commands until idle.
      return (await import('./daemon/server.js')).serveDaemon(rest, runCommand);
    case 'prepare':
      // npm's `prepare` (after install): not in USAGE, nobody needs to type it.
      return (await import('./commands/prepare.js')).runPrepare(rest);
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      if (command === undefined) process.exitCode = 2;
      return;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

/** Run one command, print its error if it fails, and set the exit code (the daemon calls this per request). */
export async function runCommand(argv: string[]): Promise<void> {
  try {
    await main(argv);
  } catch (error: unknown) {
    if (error instanceof GeneratorError) {
      console.error(`error: ${error.format()}`);
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exitCode = 1;
  }
}

void runCommand(process.argv.slice(2));
