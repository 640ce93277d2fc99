import type { Document, LineCounter } from 'yaml';
import type { WorkflowModel } from './workflowModel';

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
  severity: Severity;
  /** Says what is wrong and what to do about it. */
  message: string;
  range: Span;
  related?: Array<{ range: Span; message: string }>;
  fixes?: Fix[];
}

/** What a rule reports; the engine adds the rule id and the configured severity. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'>;

export interface RuleMeta {
  /** Stable id, used in settings, suppression comments and the docs anchor. Never renamed. */
  id: string;
  title: string;
  severity: Severity;
  /** Rules that compare with pyproject.toml are skipped when the project is not known. */
  needsProject?: boolean;
}

/** The project facts a few rules compare with (from pyproject.toml). */
export interface LintProject {
  name: string;
  normalizedName: string;
  versionFromVcs?: boolean;
  /** The project builds per-platform wheels (maturin, scikit-build-core, meson-python, C extensions...). */
  compiled?: boolean;
}

export interface LintContext {
  text: string;
  document: Document.Parsed;
  lines: LineCounter;
  workflow: WorkflowModel;
  project?: LintProject;
}

export interface Rule {
  meta: RuleMeta;
  check(context: LintContext): RuleFinding[];
}

export interface LintOptions {
  project?: LintProject;
  /** Per-rule severity, or 'off' to disable the rule. */
  rules?: Record<string, Severity | 'off'>;
}

export interface LintResult {
  findings: Finding[];
}
