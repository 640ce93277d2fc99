import * as path from 'node:path';
import type { FileReader } from '../files';

/**
 * What a project keeps beside pyproject.toml that decides how it builds: setup.py, setup.cfg and native sources.
 * Everything is read as text; nothing is ever executed (a setup.py is arbitrary code, and the workspace may be
 * untrusted).
 */
export interface ProjectFiles {
  /** The text of setup.py next to pyproject.toml. */
  setupPy?: string;
  /** The text of setup.cfg next to pyproject.toml. */
  setupCfg?: string;
  /** Native sources in the package folder (POSIX paths relative to it): C, C++, Cython, and Rust with a Cargo.toml. */
  nativeSources: string[];
}

/** What setup.py says about compiled code, found by reading it (never by running it). */
export interface SetupPyFacts {
  /** Why the project compiles something, quoting setup.py, e.g. `setup.py declares Extension("pkg._speedups", ["src/pkg/_speedups.c"])`. */
  compiled?: string;
  /** setup.py builds Rust extensions with setuptools-rust. */
  rust: boolean;
}

// Calls and keywords that only appear in a setup.py that builds extension modules.
const EXTENSION_CALL = /\b(\w*Extension)\s*\(/g;
const CYTHONIZE = /\bcythonize\s*\(/;
const EXT_MODULES = /\bext_modules\s*=\s*(?!\[\s*\]|\(\s*\)|None\b)/;
const CFFI_MODULES = /\bcffi_modules\s*=/;
const SETUPTOOLS_RUST = /\b(?:RustExtension|RustBin)\s*\(|\bsetuptools_rust\b/;

/** Reads setup.py as text: whole-line comments are dropped so that a commented-out extension does not count. */
export function readSetupPy(text: string): SetupPyFacts {
  const code = text.replace(/^[ \t]*#.*$/gm, '');
  const rust = SETUPTOOLS_RUST.test(code);
  for (const call of code.matchAll(EXTENSION_CALL)) {
    // `class CMakeExtension(Extension):` defines a kind of extension; only a call declares one.
    const lineStart = code.lastIndexOf('\n', call.index) + 1;
    if (/^\s*class\b/.test(code.slice(lineStart, call.index))) continue;
    return { compiled: `setup.py declares ${callText(code, call.index)}`, rust };
  }
  if (CYTHONIZE.test(code)) return { compiled: 'setup.py calls cythonize()', rust };
  if (rust) return { compiled: 'setup.py builds Rust extensions with setuptools-rust', rust };
  if (CFFI_MODULES.test(code)) return { compiled: 'setup.py builds cffi modules (cffi_modules=)', rust };
  if (EXT_MODULES.test(code)) return { compiled: 'setup.py passes ext_modules= to setup()', rust };
  return { rust };
}

/** A call as written, from its name to the closing parenthesis, on one line and at most 100 characters. */
function callText(code: string, start: number): string {
  let depth = 0;
  let end = start;
  for (let i = code.indexOf('(', start); i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  const text = code.slice(start, end > start ? end : code.indexOf('(', start) + 1).replace(/\s+/g, ' ');
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

export interface SetupCfgFacts {
  /** `[metadata] name`. */
  name?: string;
  /** `[metadata] version` when written as a literal (not `attr:` or `file:`). */
  version?: string;
  /** `[metadata] classifiers`, one per item. */
  classifiers: string[];
}

/**
 * The [metadata] keys of setup.cfg that matter here. The format is configparser's: `key = value` or `key: value`,
 * values continued on indented lines, `#` and `;` comments on their own lines.
 */
export function readSetupCfg(text: string): SetupCfgFacts {
  const metadata = new Map<string, string>();
  let section = '';
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = header[1].trim().toLowerCase();
      key = undefined;
      continue;
    }
    if (/^\s/.test(raw) && key !== undefined) {
      if (section === 'metadata') metadata.set(key, `${metadata.get(key)}\n${raw.trim()}`);
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!pair) continue;
    // setuptools accepts dashes for underscores in option names.
    key = pair[1].trim().toLowerCase().replace(/-/g, '_');
    if (section === 'metadata') metadata.set(key, pair[2].trim());
  }
  const name = metadata.get('name')?.trim();
  const version = metadata.get('version')?.trim();
  const classifiers = (metadata.get('classifiers') ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('file:'));
  const facts: SetupCfgFacts = { classifiers };
  if (name) facts.name = name;
  if (version && !/^(attr|file)\s*:/.test(version)) facts.version = version;
  return facts;
}

/** Classifiers that say the distribution contains code in a compiled language. */
export function compiledLanguageClassifier(classifiers: readonly string[]): string | undefined {
  return classifiers.find((c) => /^Programming Language :: (C|C\+\+|Cython|Rust|Fortran)\s*$/.test(c.trim()));
}

// Folders whose sources are not part of the distribution's extension modules (tests, docs, vendored or built code).
const SKIPPED = new Set(['node_modules', 'venv', 'build', 'dist', 'target', 'tests', 'test', 'testing', 'docs', 'doc', 'examples', 'benchmarks', '__pycache__', 'site-packages']);
const NATIVE = /\.(pyx|c|cc|cpp|cxx)$/;
const MAX_ENTRIES = 2000;

/**
 * setup.py, setup.cfg and native sources of the package whose pyproject.toml is `pyprojectPath`. The source scan
 * goes three folders deep and stops after a few thousand entries: enough to see `src/pkg/_speedups.c`.
 */
export async function readProjectFiles(pyprojectPath: string, files: FileReader): Promise<ProjectFiles> {
  const dir = path.dirname(pyprojectPath);
  const [setupPy, setupCfg] = await Promise.all([files.readText(path.join(dir, 'setup.py')), files.readText(path.join(dir, 'setup.cfg'))]);
  const nativeSources: string[] = [];
  let seen = 0;
  let cargo = false;
  const rust: string[] = [];
  async function visit(folder: string, relative: string, depth: number): Promise<void> {
    const entries = await files.list(folder);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (++seen > MAX_ENTRIES) return;
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory) {
        if (depth < 3 && !entry.name.startsWith('.') && !SKIPPED.has(entry.name) && !entry.name.endsWith('.egg-info')) {
          await visit(path.join(folder, entry.name), rel, depth + 1);
        }
      } else if (entry.name === 'Cargo.toml') cargo = true;
      else if (entry.name.endsWith('.rs')) rust.push(rel);
      else if (NATIVE.test(entry.name)) nativeSources.push(rel);
    }
  }
  await visit(dir, '', 0);
  if (cargo) nativeSources.push(...rust);
  const found: ProjectFiles = { nativeSources };
  if (setupPy !== undefined) found.setupPy = setupPy;
  if (setupCfg !== undefined) found.setupCfg = setupCfg;
  return found;
}
