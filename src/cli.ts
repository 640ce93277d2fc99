import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeFiles } from './core/files';
import { findPyprojects, readPyprojectFile } from './core/pyproject';
import { findRepository, resolveGitHubRepository, redactUrl } from './core/git';
import {
  choosePublisherOrigin,
  formatPublisherValues,
  generateWorkflow,
  publisherIndexes,
  planRelease,
  publisherValues,
  readWorkflowSummaries,
  validateEnvironmentName,
} from './core/publish';
import type { PlanOptions, ProjectExistence, PublisherValues } from './core/publish/types';
import type { ProjectFacts } from './core/pyproject/types';
import { locatePackage, workflowPath, type PackageLocation } from './core/setup/packageLocation';
import { checkWorkflows } from './cli/check';
import { diagnoseCommand } from './cli/diagnose';
import { MAX_LOG_CHARS } from './core/diagnose';
import { refuseWriteTarget } from './core/writeTarget';

/** Set by the bundler from package.json; the compiled tests see the fallback. */
declare const PACKAGE_VERSION: string | undefined;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

const USAGE = `Usage: trusted-publishing <command> [options]

Set up PyPI trusted publishing for a Python project on GitHub.

Commands:
  init     Print the release workflow for the project (or write it with --write)
  values   Print what to enter in PyPI's "Add a new publisher" form
  check    Check workflow files: check [--format text|json|sarif|github] [--pyproject P] PATH...
           (a folder means its .github/workflows; exit 0: no errors, 1: errors found, 2: bad usage or unreadable input)
  diagnose Say why a release job failed: diagnose [LOGFILE|-] [--workflow FILE] [--format text|json]
           (reads the job's log, '-' or nothing for standard input; compares with the workflows and project around
           the current folder; exit 0: a known failure was diagnosed, 1: none found, 2: bad usage or unreadable input)
  verify   Verify the PEP 740 provenance of a release's files on PyPI, offline against Sigstore's trusted root:
             verify <project> <version> [--repository owner/repo] [--workflow FILE] [--format text|json]
             verify --dist FILE --provenance FILE [--repository owner/repo] [--workflow FILE] [--format text|json]
           (exit 0: every attestation verifies and names the expected publisher, 1: one does not, 2: bad input)

Options:
  --dir D                  Project folder (default: current folder)
  --environment NAME       GitHub environment of the PyPI job (default: pypi)
  --testpypi               Also publish to TestPyPI (own job, environment testpypi)
  --trigger release|tag    Publish on a published GitHub release (default) or a pushed v* tag
  --build-tool build|uv    How to build the distributions (default: build)
  --pin sha|tag            Pin actions to commit SHAs (default) or version tags
  --workflow FILE          Workflow file name (default: release.yml); values: the workflow PyPI trusts
                           (default: the one workflow that already publishes, else release.yml);
                           diagnose: the workflow file to compare with (default: all of the repository's)
  --write                  init: write .github/workflows/<FILE> instead of printing it
  --force                  init --write: replace an existing file
  --remote NAME            values: the git remote naming the GitHub repository (default: origin)
  --exists yes|no|unknown  values: whether the project is already on PyPI (default: unknown)
  --format FORMAT          values, diagnose: text|json; check: text|json|sarif|github (default: text)
  --pyproject P            check: the pyproject.toml whose project the workflows publish (default: found per repository)
  --private                check: the repository is private (a checkout without contents: read then fails)
  --repository OWNER/REPO  verify: the GitHub repository that must have signed (default: report who signed)
  --dist FILE              verify: a distribution file on disk
  --provenance FILE        verify: its provenance, as /integrity/<project>/<version>/<file>/provenance serves it
  --pypi-url URL           verify: the index (default: https://pypi.org)
  -h, --help               Show this help
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Standard input, when there is some to read (not a terminal). */
  readStdin?: () => Promise<string>;
}

/** A bad-input error: printed as one line, exit code 2. */
class UsageError extends Error {}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`trusted-publishing: ${error.message}\n`);
      return 2;
    }
    io.stderr(`trusted-publishing: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const { values: flags, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      environment: { type: 'string' },
      testpypi: { type: 'boolean' },
      trigger: { type: 'string' },
      'build-tool': { type: 'string' },
      pin: { type: 'string' },
      workflow: { type: 'string' },
      write: { type: 'boolean' },
      force: { type: 'boolean' },
      remote: { type: 'string' },
      exists: { type: 'string' },
      format: { type: 'string' },
      pyproject: { type: 'string' },
      private: { type: 'boolean' },
      repository: { type: 'string' },
      dist: { type: 'string' },
      provenance: { type: 'string' },
      'pypi-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (flags.help || command === 'help' || command === undefined) {
    io.stdout(USAGE);
    return command === undefined && !flags.help ? 2 : 0;
  }
  if (command === 'check') {
    const outcome = await checkWorkflows(
      {
        paths: positionals.slice(1),
        format: oneOf('--format', flags.format, ['text', 'json', 'sarif', 'github'] as const) ?? 'text',
        pyproject: flags.pyproject,
        private: flags.private,
        cwd: io.cwd,
        version: VERSION,
      },
      nodeFiles,
    );
    io.stdout(outcome.output);
    for (const problem of outcome.problems) io.stderr(`trusted-publishing: ${problem}\n`);
    return outcome.exitCode;
  }
  if (command === 'diagnose') {
    if (positionals.length > 2) throw new UsageError(`diagnose reads one log; unexpected argument '${positionals[2]}'`);
    const outcome = await diagnoseCommand(
      {
        log: positionals[1] ?? '-',
        workflow: flags.workflow,
        format: oneOf('--format', flags.format, ['text', 'json'] as const) ?? 'text',
        cwd: io.cwd,
        readStdin: io.readStdin,
      },
      nodeFiles,
    );
    io.stdout(outcome.output);
    if (outcome.problem) io.stderr(`trusted-publishing: ${outcome.problem}\n`);
    return outcome.exitCode;
  }
  if (command === 'verify') {
    if (positionals.length > 3) throw new UsageError(`unexpected argument '${positionals[3]}' (see --help)`);
    // Loaded on use: the Sigstore verifier and the HTTP client are not needed by the other commands.
    const { verifyRelease } = await import('./cli/verify');
    const outcome = await verifyRelease({
      project: positionals[1],
      version: positionals[2],
      dist: flags.dist,
      provenance: flags.provenance,
      repository: flags.repository,
      workflow: flags.workflow,
      format: oneOf('--format', flags.format, ['text', 'json'] as const) ?? 'text',
      pypiUrl: flags['pypi-url'] ?? 'https://pypi.org',
      userAgent: `pypi-trusted-publishing/${VERSION} (cli)`,
      cwd: io.cwd,
    });
    io.stdout(outcome.output);
    for (const problem of outcome.problems) io.stderr(`trusted-publishing: ${problem}\n`);
    return outcome.exitCode;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}' (see --help)`);

  const options: PlanOptions = {
    environment: flags.environment,
    testPypi: flags.testpypi,
    trigger: oneOf('--trigger', flags.trigger, ['release', 'tag'] as const),
    buildTool: oneOf('--build-tool', flags['build-tool'], ['build', 'uv'] as const),
    pinning: oneOf('--pin', flags.pin, ['sha', 'tag'] as const),
    workflowFileName: flags.workflow,
  };
  if (options.workflowFileName !== undefined && !/^[A-Za-z0-9._-]+\.ya?ml$/.test(options.workflowFileName)) {
    throw new UsageError(`--workflow must be a file name ending in .yml or .yaml, such as release.yml`);
  }
  if (options.environment !== undefined) {
    const problem = options.environment.trim() === '' ? 'it must not be empty: PyPI only trusts uploads from the environment you name' : validateEnvironmentName(options.environment);
    if (problem) throw new UsageError(`--environment '${options.environment}': ${problem}`);
  }
  const dir = path.resolve(io.cwd, flags.dir ?? '.');

  switch (command) {
    case 'init':
      return init(dir, options, { write: !!flags.write, force: !!flags.force }, io);
    case 'values':
      return values(dir, options, {
        remote: flags.remote,
        existence: existenceFrom(flags.exists),
        format: oneOf('--format', flags.format, ['text', 'json'] as const) ?? 'text',
        workflow: flags.workflow,
      }, io);
    default:
      throw new UsageError(`unknown command '${command}' (commands: init, values, check, diagnose, verify; see --help)`);
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function existenceFrom(value: string | undefined): ProjectExistence {
  const answer = oneOf('--exists', value, ['yes', 'no', 'unknown'] as const);
  return answer === 'yes' ? 'exists' : answer === 'no' ? 'new' : 'unknown';
}

/** The project in `dir`: its own pyproject.toml, or the only one below it. */
async function loadProject(dir: string): Promise<{ facts: ProjectFacts; location: PackageLocation }> {
  let pyprojectPath = path.join(dir, 'pyproject.toml');
  if ((await nodeFiles.readText(pyprojectPath)) === undefined) {
    const found = await findPyprojects(dir, nodeFiles);
    if (found.length === 0) throw new UsageError(`no pyproject.toml in ${dir} or below it`);
    if (found.length > 1) {
      const list = found.map((p) => path.relative(dir, path.dirname(p)) || '.').join(', ');
      throw new UsageError(`several Python packages below ${dir} (${list}): choose one with --dir`);
    }
    pyprojectPath = found[0];
  }
  const facts = await readPyprojectFile(pyprojectPath, nodeFiles);
  if (!facts.ok) throw new UsageError(facts.error.message);
  const repository = await findRepository(path.dirname(pyprojectPath), nodeFiles);
  return { facts: facts.value, location: locatePackage(pyprojectPath, repository.ok ? repository.value.root : undefined) };
}

async function init(dir: string, options: PlanOptions, mode: { write: boolean; force: boolean }, io: CliIo): Promise<number> {
  const { facts, location } = await loadProject(dir);
  const plan = planRelease(facts, { ...options, packageDir: location.packageDir });
  const text = generateWorkflow(plan);
  if (!mode.write) {
    io.stdout(text);
    return 0;
  }
  const target = workflowPath(location, plan.workflowFileName);
  const shown = path.relative(io.cwd, target) || target;
  const refused = await refuseWriteTarget(target, location.repositoryRoot);
  if (refused) throw new UsageError(refused);
  if ((await nodeFiles.readText(target)) !== undefined && !mode.force) {
    throw new UsageError(`${shown} already exists; pass --force to replace it, or --workflow NAME to write another file`);
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, text, 'utf8');
  io.stdout(`Wrote ${shown}\nNext: register the publisher on PyPI (trusted-publishing values${dir === io.cwd ? '' : ` --dir ${path.relative(io.cwd, dir) || '.'}`}).\n`);
  return 0;
}

async function values(
  dir: string,
  options: PlanOptions,
  settings: { remote?: string; existence: ProjectExistence; format: 'text' | 'json'; workflow?: string },
  io: CliIo,
): Promise<number> {
  const { facts, location } = await loadProject(dir);
  const plan = planRelease(facts, { ...options, packageDir: location.packageDir });
  const resolved = await resolveGitHubRepository(path.dirname(location.pyprojectPath), nodeFiles, settings.remote);
  if (resolved.kind === 'error') throw new UsageError(resolved.error.message);
  if (resolved.kind === 'ask') {
    const names = resolved.candidates.map((c) => `${c.remote.name} (${redactUrl(c.remote.url)})`).join(', ');
    throw new UsageError(`several git remotes and none is 'origin' or 'upstream': ${names}; choose one with --remote NAME`);
  }
  const repositoryRoot = await findRepository(path.dirname(location.pyprojectPath), nodeFiles);
  const summaries = repositoryRoot.ok ? await readWorkflowSummaries(repositoryRoot.value.root, nodeFiles) : [];
  const all: PublisherValues[] = publisherIndexes(summaries, plan, settings.workflow).map((index) => {
    const choice = choosePublisherOrigin(summaries, index, plan, settings.workflow);
    if (choice.kind === 'ask') {
      const names = choice.workflows.map((w) => w.fileName).join(', ');
      throw new UsageError(
        `several workflows publish to ${index === 'pypi' ? 'PyPI' : 'TestPyPI'} (${names}): PyPI trusts one per publisher; choose it with --workflow FILE`,
      );
    }
    return publisherValues(plan, resolved.repository, settings.existence, index, choice.origin);
  });
  if (settings.format === 'json') {
    // Always an array, one entry per index, whether one index or two: scripts read one shape.
    io.stdout(JSON.stringify(all.map(toJson), null, 2) + '\n');
  } else {
    io.stdout(formatPublisherValues(all));
  }
  return 0;
}

/** The stable JSON shape of `values --format json`. */
function toJson(v: PublisherValues) {
  const pick = (kind: 'project' | 'pending') => v.routes.find((r) => r.kind === kind)?.url ?? null;
  return {
    index: v.index,
    owner: v.owner,
    repository: v.repository,
    workflow: v.workflow,
    environment: v.environment,
    source: v.source,
    fromExistingWorkflow: v.fromExistingWorkflow,
    projectName: v.projectName,
    normalizedName: v.normalizedName,
    existence: v.existence,
    urls: { pypi: pick('project'), pending: pick('pending') },
  };
}

/** Standard input as text; of a very long log only the end is kept (the failure is there), so memory stays bounded. */
async function readAll(stream: NodeJS.ReadableStream, keepBytes = 2 * MAX_LOG_CHARS): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    size += buffer.length;
    while (chunks.length > 1 && size - chunks[0].length >= keepBytes) size -= chunks.shift()!.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    readStdin: process.stdin.isTTY ? undefined : () => readAll(process.stdin),
  }).then((code) => {
    process.exitCode = code;
  });
}
