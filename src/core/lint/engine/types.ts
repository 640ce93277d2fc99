import type { Document, LineCounter } from 'yaml';
import type { WorkflowPublishing } from '../analysis/publishingSummary';
import type { WorkflowFacts } from '../analysis/facts';
import type { WorkflowModel } from '../analysis/workflowModel';
import type { FixesLater } from './fixesLater';

export type Severity = 'error' | 'warning' | 'info';

/** Character offsets into the workflow text, end exclusive: they map straight to `TextDocument.positionAt`. */
export interface Span {
  start: number;
  end: number;
}

/** A minimal replacement of `[start, end)` with `newText`. Fixes never re-print the whole document. */
export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  /** Pages that help act on the finding (e.g. PyPI's prefilled publisher form), offered next to the fixes. */
  links?: Array<{ title: string; url: string }>;
  severity: Severity;
  /** Says what is wrong and what to do about it. */
  message: string;
  range: Span;
  /** Other places that explain the finding; `file` when the place is in another workflow (as named to `lintWorkspace`). */
  related?: Array<{ range: Span; message: string; file?: string }>;
  fixes?: Fix[];
}

/**
 * What a rule reports; the engine adds the rule id and the severity: the user's setting for the rule, else the
 * finding's own (a rule may say how much one case matters), else the rule's default.
 */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity' | 'fixes'> & {
  severity?: Severity;
  /** The fixes, or `later(build, ...args)` to build them on the first read of the finding's `fixes` (fixesLater.ts). */
  fixes?: Fix[] | FixesLater;
};

export interface RuleMeta {
  /** Stable id, used in settings, suppression comments and the docs anchor. Never renamed. */
  id: string;
  title: string;
  severity: Severity;
  /** Rules that compare with pyproject.toml are skipped when the project is not known. */
  needsProject?: boolean;
  /** Rules that compare with the index's record of the last release are skipped without it. */
  needsPublished?: boolean;
  /**
   * Advice rather than a problem: editors show it as a hint (no squiggle, not counted in Problems) unless the user
   * sets the rule's severity.
   */
  advice?: boolean;
}

/** The project facts a few rules compare with (from pyproject.toml). */
export interface LintProject {
  name: string;
  normalizedName: string;
  versionFromVcs?: boolean;
  /** The project builds per-platform wheels (maturin, scikit-build-core, meson-python, C extensions...). */
  compiled?: boolean;
  /** The build backend's short name ('hatchling', 'setuptools', 'uv_build'...): decides which metadata it writes. */
  backend?: string;
}

/** Which trusted publisher uploaded the latest release, as the index's provenance says (from the network). */
export interface PublishedRelease {
  index: 'pypi' | 'testpypi';
  version: string;
  /** The certificate's publisher when `proof` is verified; else the index's unsigned `publisher` field. */
  publisher: { kind: string; repository?: string; workflow?: string; environment?: string | null };
  /**
   * What verifying one file's provenance showed: `verified` (the publisher is the certificate's), or `failed` (the
   * index's publisher field is not to be trusted). Absent when nothing could be verified (offline): the field is used.
   */
  proof?: { kind: 'verified'; file: string } | { kind: 'failed'; file: string; reason: string };
}

/** Where the workflow lives: its file name and the GitHub repository (PyPI's publisher names both). */
export interface LintLocation {
  fileName: string;
  repository?: { owner: string; repo: string };
  /** The repository is private, when known (the command line's --private). */
  private?: boolean;
}

export interface LintContext {
  text: string;
  document: Document.Parsed;
  lines: LineCounter;
  workflow: WorkflowModel;
  /** What the workflow does (uploads, builds, permissions, artifacts...), computed once for every rule. */
  facts: WorkflowFacts;
  project?: LintProject;
  location?: LintLocation;
  published?: PublishedRelease[];
  /** Environment names for a job that a fix switches to trusted publishing (see LintOptions). */
  environments?: NewEnvironments;
}

/** The GitHub environment a fix gives a job it moves to trusted publishing, per index; `pypi`/`testpypi` by default. */
export interface NewEnvironments {
  pypi?: string;
  testpypi?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(context: LintContext): RuleFinding[];
}

/** A workflow among the others of its repository, for the rules that compare workflows. */
export interface WorkspaceWorkflow {
  /** How the caller names the file (a path or a URI); messages show its last segment. */
  file: string;
  text: string;
  summary: WorkflowPublishing;
}

/** What a workspace rule reports: a finding and the file it belongs to. */
export type WorkspaceRuleFinding = Omit<RuleFinding, 'fixes'> & { fixes?: Fix[]; file: string };

/** A rule that compares the workflows of one repository (`.github/workflows/*`) with each other. */
export interface WorkspaceRule {
  meta: RuleMeta;
  check(workflows: readonly WorkspaceWorkflow[]): WorkspaceRuleFinding[];
}

export interface LintOptions {
  project?: LintProject;
  location?: LintLocation;
  /** Known publishers of the latest releases; rules that compare with them are skipped without. */
  published?: PublishedRelease[];
  /** Per-rule severity, or 'off' to disable the rule. */
  rules?: Record<string, Severity | 'off'>;
  /** The environment names the user chose (the wizard) or set, for fixes that add an environment to a job. */
  environments?: NewEnvironments;
}

export interface LintResult {
  findings: Finding[];
}
