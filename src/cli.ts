import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeFiles } from './core/files';
import { findPyprojects, readPyprojectFile, validateName } from './core/pyproject';
import { findRepository, forkQuestion, readRemotes, resolveGitHubRepository, redactUrl } from './core/git';
import {
  choosePublisherOrigin,
  dependabotConfig,
  formatPublisherValues,
  generateWorkflow,
  publisherIndexes,
  planRelease,
  publisherValues,
  readWorkflowSummaries,
  validateEnvironmentName,
  wheelsReport,
  emptyPlatformsProblem,
  isWheelPlatform,
  WHEEL_PLATFORMS,
  type WheelPlatform,
} from './core/publish';
import { WHEELS_CHOICES, type PlanOptions, type ProjectExistence, type PublisherValues } from './core/publish/types';
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
  --name NAME              The project name, when no file declares it (it is set in setup.py, which is never run)
  --index pypi|testpypi|both
                           Where to publish (default: pypi); both: TestPyPI first, then PyPI
  --environment NAME       GitHub environment of the PyPI job (default: pypi)
  --testpypi               Same as --index both
  --trigger release|tag    Publish on a published GitHub release (default) or a pushed v* tag
  --build-tool build|uv    How to build the distributions (default: build)
  --wheels pure|cibuildwheel|maturin
                           How to build wheels (default: from pyproject.toml, setup.py, setup.cfg and
                           the sources; init says what it found and why)
  --platforms P,P...       Trim the wheel matrix of a compiled project to these platforms (default: all of the
                           builder's template), from: linux-x86_64, linux-x86, linux-aarch64, linux-armv7,
                           linux-s390x, linux-ppc64le, musllinux-x86_64, musllinux-x86, musllinux-aarch64,
                           musllinux-armv7, windows-x64, windows-x86, windows-arm64, macos-x86_64, macos-arm64
  --pin sha|tag            Pin actions to commit SHAs (default) or version tags
  --workflow FILE          Workflow file name (default: release.yml); values: the workflow PyPI trusts
                           (default: the one workflow that already publishes, else release.yml);
                           diagnose: the workflow file to compare with (default: all of the repository's)
  --write                  init: write .github/workflows/<FILE> instead of printing it
  --force                  init --write: replace an existing file
  --dependabot             init: also create .github/dependabot.yml, or add a github-actions entry to it,
                           so the pinned actions get update pull requests
  --remote NAME            values: the git remote naming the GitHub repository (default: origin; when origin
                           is a fork of upstream, upstream)
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
      name: { type: 'string' },
      index: { type: 'string' },
      dependabot: { type: 'boolean' },
      environment: { type: 'string' },
      testpypi: { type: 'boolean' },
      trigger: { type: 'string' },
      'build-tool': { type: 'string' },
      wheels: { type: 'string' },
      platforms: { type: 'string' },
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

  const index = oneOf('--index', flags.index, ['pypi', 'testpypi', 'both'] as const);
  if (index !== undefined && flags.testpypi && index !== 'both') throw new UsageError(`--testpypi means --index both; it contradicts --index ${index}`);
  const options: PlanOptions = {
    environment: flags.environment,
    ...indexOptions(flags.testpypi ? 'both' : index),
    trigger: oneOf('--trigger', flags.trigger, ['release', 'tag'] as const),
    buildTool: oneOf('--build-tool', flags['build-tool'], ['build', 'uv'] as const),
    wheels: oneOf('--wheels', flags.wheels, WHEELS_CHOICES),
    ...(flags.platforms !== undefined ? { platforms: platformList(flags.platforms) } : {}),
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
  if (flags.name !== undefined) {
    const problem = validateName(flags.name);
    if (problem) throw new UsageError(`--name '${flags.name}': ${problem}`);
  }
  if (flags.dependabot && command !== 'init') throw new UsageError('--dependabot goes with init');
  const load = () => loadProject(dir, flags.name, io);

  switch (command) {
    case 'init':
      return init(load, options, { write: !!flags.write, force: !!flags.force, dependabot: !!flags.dependabot, dir }, io);
    case 'values':
      return values(load, options, {
        remote: flags.remote,
        existence: existenceFrom(flags.exists),
        format: oneOf('--format', flags.format, ['text', 'json'] as const) ?? 'text',
        workflow: flags.workflow,
      }, io);
    default:
      throw new UsageError(`unknown command '${command}' (commands: init, values, check, diagnose, verify; see --help)`);
  }
}

/** `--platforms a,b`: known names only, so a typo is not silently a smaller matrix. */
function platformList(value: string): WheelPlatform[] {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !isWheelPlatform(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--platforms: ${unknown.length > 0 ? `unknown ${unknown.join(', ')}` : 'no platform given'} (platforms: ${WHEEL_PLATFORMS.join(', ')})`);
  }
  return names as WheelPlatform[];
}

/** `--index` as plan options; undefined leaves the planner's default (PyPI alone). */
function indexOptions(index: 'pypi' | 'testpypi' | 'both' | undefined): Pick<PlanOptions, 'pypi' | 'testPypi'> {
  switch (index) {
    case undefined:
      return {};
    case 'pypi':
      return { pypi: true, testPypi: false };
    case 'testpypi':
      return { pypi: false, testPypi: true };
    case 'both':
      return { pypi: true, testPypi: true };
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

/**
 * The project in `dir`: its own pyproject.toml, or the only one below it. `name` stands in for a name no file
 * declares. Problems in the project's files are printed on stderr, each with the text that fixes it.
 */
async function loadProject(dir: string, name: string | undefined, io: CliIo): Promise<{ facts: ProjectFacts; location: PackageLocation }> {
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
  const facts = await readPyprojectFile(pyprojectPath, nodeFiles, { name });
  if (!facts.ok) throw new UsageError(facts.error.message);
  if (name !== undefined && facts.value.nameSource !== 'given' && facts.value.name !== name) {
    throw new UsageError(`--name '${name}' differs from the name ${facts.value.name} that ${NAME_PLACES[facts.value.nameSource]} declares: PyPI takes the one the build writes`);
  }
  for (const warning of facts.value.warnings ?? []) {
    io.stderr(`warning: ${warning.message}\n${warning.suggestion.replace(/^/gm, '    ').replace(/ +$/, '')}`);
  }
  const repository = await findRepository(path.dirname(pyprojectPath), nodeFiles);
  return { facts: facts.value, location: locatePackage(pyprojectPath, repository.ok ? repository.value.root : undefined) };
}

const NAME_PLACES: Record<ProjectFacts['nameSource'], string> = {
  project: "pyproject.toml's [project]",
  'tool.poetry': "pyproject.toml's [tool.poetry]",
  'tool.pdm': "pyproject.toml's [tool.pdm]",
  'tool.flit.metadata': "pyproject.toml's [tool.flit.metadata]",
  'setup.cfg': "setup.cfg's [metadata]",
  given: '--name',
};

type LoadProject = () => Promise<{ facts: ProjectFacts; location: PackageLocation }>;

async function init(
  load: LoadProject,
  options: PlanOptions,
  mode: { write: boolean; force: boolean; dependabot: boolean; dir: string },
  io: CliIo,
): Promise<number> {
  const dir = mode.dir;
  const { facts, location } = await load();
  const plan = planRelease(facts, { ...options, packageDir: location.packageDir });
  if (options.platforms && plan.wheels !== 'pure') {
    const problem = emptyPlatformsProblem(plan.wheels, options.platforms);
    if (problem) throw new UsageError(`--platforms: ${problem}`);
  }
  const text = generateWorkflow(plan);
  reportDetection(facts, options, io);
  if (mode.dependabot) await writeDependabot(location, io);
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

/**
 * `.github/dependabot.yml` (or `.yaml`) at the repository root with a github-actions entry: created, or the entry
 * inserted into the existing file (nothing else in it changes). Reported on stderr: stdout may be the workflow.
 */
async function writeDependabot(location: PackageLocation, io: CliIo): Promise<void> {
  const github = path.join(location.repositoryRoot, '.github');
  const yaml = path.join(github, 'dependabot.yaml');
  const target = (await nodeFiles.readText(yaml)) !== undefined ? yaml : path.join(github, 'dependabot.yml');
  const refused = await refuseWriteTarget(target, location.repositoryRoot);
  if (refused) throw new UsageError(refused);
  const existing = await nodeFiles.readText(target);
  const plan = dependabotConfig(existing);
  const shown = path.relative(io.cwd, target) || target;
  if (plan.kind === 'present') {
    io.stderr(`${shown} already updates GitHub Actions.\n`);
    return;
  }
  await fs.mkdir(github, { recursive: true });
  const text = plan.kind === 'create' ? plan.text : existing!.slice(0, plan.offset) + plan.text + existing!.slice(plan.offset);
  await fs.writeFile(target, text, 'utf8');
  io.stderr(`${plan.kind === 'create' ? 'Wrote' : 'Added a github-actions entry to'} ${shown}: Dependabot will propose new pins as actions release.\n`);
}

async function values(
  load: LoadProject,
  options: PlanOptions,
  settings: { remote?: string; existence: ProjectExistence; format: 'text' | 'json'; workflow?: string },
  io: CliIo,
): Promise<number> {
  const { facts, location } = await load();
  const plan = planRelease(facts, { ...options, packageDir: location.packageDir });
  const start = path.dirname(location.pyprojectPath);
  if (settings.remote !== undefined) {
    // A name that does not exist is a mistake to report, not a reason to fall back to another remote.
    const read = await readRemotes(start, nodeFiles);
    if (read.ok && !read.value.remotes.some((r) => r.name === settings.remote)) {
      const names = read.value.remotes.map((r) => `${r.name} (${redactUrl(r.url)})`).join(', ');
      throw new UsageError(`no git remote named '${settings.remote}'; the remotes are: ${names || 'none'}`);
    }
  }
  let resolved = await resolveGitHubRepository(start, nodeFiles, settings.remote, { explicit: settings.remote !== undefined });
  if (resolved.kind === 'ask' && resolved.fork) {
    // A fork's clone: releases usually run in the project's repository, so that is the one PyPI sees.
    const upstream = resolved.candidates.find((c) => c.remote.name === 'upstream')!;
    io.stderr(`note: ${forkQuestion(resolved.fork)} These values are for upstream; pass --remote origin for your fork.\n`);
    if (upstream.parsed.ok) resolved = { kind: 'ok', root: resolved.root, remote: upstream.remote, repository: upstream.parsed.value };
  }
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

/** What the workflow rests on, on stderr (stdout may be the workflow itself): the wheels and why, and any doubt. */
function reportDetection(facts: ProjectFacts, options: PlanOptions, io: CliIo): void {
  const wheels = wheelsReport(facts, options.wheels);
  io.stderr(`${wheels.summary}\n`);
  if (wheels.doubt) io.stderr(`warning: ${wheels.doubt} (--wheels cibuildwheel)\n`);
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
