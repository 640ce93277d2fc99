import type { LintProject, PublishedRelease, TextEdit } from '../lint';
import type { TokenClaims } from './claims';
import type { FieldDifference } from './compare';
import type { FailureKind } from './recognise';

/** What the diagnosis may compare the log with; each part is optional, and the log alone is enough. */
export interface DiagnoseContext {
  /** The repository's workflow files, named as the caller names them (a path relative to the repository or a URI). */
  workflows?: Array<{ file: string; text: string }>;
  /** The project of pyproject.toml, with its version when the file states one. */
  project?: LintProject & { version?: string };
  /** The GitHub repository of the workspace (its git remote), with the owner's account id when GitHub was asked. */
  repository?: { owner: string; repo: string; ownerId?: number };
  /** The publishers PyPI accepted for the latest releases (the Integrity API provenance). */
  published?: PublishedRelease[];
  /** The publisher values the wizard showed for registering. */
  shown?: Array<{ index: 'pypi' | 'testpypi'; owner: string; repository: string; workflow: string; environment: string }>;
  /** The versions the index has of the project, when known: every release, in any order. */
  releasedVersions?: string[];
  /** The index's latest version of the project, when known. */
  latestVersion?: string;
  /** The job's page on GitHub, when the log was fetched from there. */
  jobUrl?: string;
}

/** A change to one workflow file, applied as one WorkspaceEdit (or with `applyEdits`). */
export interface WorkflowEdit {
  file: string;
  title: string;
  edits: TextEdit[];
}

export interface Evidence {
  step?: string;
  lines: Array<{ number: number; text: string }>;
}

export interface Diagnosis {
  kind: FailureKind | 'unknown';
  /** What failed, in one sentence. */
  summary: string;
  /** The log lines that show it, quoted. */
  evidence: Evidence[];
  /** `invalid-publisher`: each field that differs, against each publisher known. */
  differences: FieldDifference[];
  /** What to change, one sentence each, with the exact values. */
  changes: string[];
  /** Values to copy (the publisher form's fields, a file name...). */
  values: Array<{ label: string; value: string }>;
  /** One-click edits of the workflow files. */
  edits: WorkflowEdit[];
  /** Pages to open: the prefilled publisher form, the job, the docs. */
  links: Array<{ title: string; url: string }>;
}

export interface DiagnoseReport {
  /** False when no known trusted-publishing failure was found (the first diagnosis then says so). */
  recognised: boolean;
  /** The main diagnosis first, then anything else the log showed (a warning that explains it, a second failure). */
  diagnoses: Diagnosis[];
  index: 'pypi' | 'testpypi';
  claims?: TokenClaims;
  failedStep?: string;
}
