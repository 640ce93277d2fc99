import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/baseUrl';
import { adviceRules, type Severity } from '../core/lint';
import type { PlanOptions } from '../core/publish/types';
import { readWheelPlatforms, type WheelPlatform } from '../core/publish/wheelPlatforms';

/** Every setting of the extension, typed, with its default: read here and nowhere else. */
export interface Settings {
  remoteName: string;
  environment: string;
  testPypiEnvironment: string;
  trigger: 'release' | 'tag';
  buildTool: 'build' | 'uv';
  pinActions: 'sha' | 'tag';
  workflowFileName: string;
  /** The wheel platforms of compiled projects; every one of the builder's when unset. */
  wheelPlatforms?: WheelPlatform[];
  /** Entries of `wheelPlatforms` that name no platform, in one sentence for the log (commands say it once a run). */
  wheelPlatformsIgnored?: string;
  checksEnabled: boolean;
  /** Base URLs of PyPI, TestPyPI and GitHub's API (mirrors and tests point elsewhere). */
  pypiUrl: string;
  testPypiUrl: string;
  githubApiUrl: string;
  /** The authentication provider id for GitHub sign-in (`github`; tests register their own). */
  githubAuthProvider: string;
  /** Ask PyPI which publisher uploaded the last release, and warn on drift. */
  pypiChecksEnabled: boolean;
  /**
   * Ask GitHub, with a session the user already gave, whether each publishing workflow's latest release run failed,
   * and say so on the workflow file. A user setting only: it sends requests nobody asked for.
   */
  watchReleaseRuns: boolean;
  /** Machine settings that were set but not used (e.g. an http:// URL): said once in the log. */
  problems: string[];
  /** Per-rule severity overrides, 'off' to disable ('hint' reaches the checks as 'info'). */
  rules: Record<string, Severity | 'off'>;
  /** Rules shown as hints in the editor: advice rules whose severity is not set, and rules set to 'hint'. */
  hints: ReadonlySet<string>;
}

export const SECTION = 'trustedPublishing';

export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = config.get<string>(key);
    return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
  };
  const text = (key: string, fallback: string) => {
    const value = config.get<string>(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  };
  // Settings that decide where requests and the GitHub token go: the user's own value only. A workspace or folder
  // value (a cloned repository's .vscode/settings.json) is ignored even if an older VS Code applied it.
  const problems: string[] = [];
  const machine = (key: string): string | undefined => {
    const inspected = config.inspect<unknown>(key);
    const value = inspected?.globalValue;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const baseUrl = (key: string, fallback: string): string => {
    const value = machine(key);
    if (value === undefined) return fallback;
    const checked = checkBaseUrl(value);
    if (checked.ok) return checked.url;
    problems.push(`${SECTION}.${key} is not used: ${checked.reason}; using ${fallback}`);
    return fallback;
  };
  return {
    remoteName: text('remoteName', 'origin'),
    environment: text('environment', 'pypi'),
    testPypiEnvironment: text('testPypiEnvironment', 'testpypi'),
    trigger: choice('trigger', ['release', 'tag'] as const, 'release'),
    buildTool: choice('buildTool', ['build', 'uv'] as const, 'build'),
    pinActions: choice('pinActions', ['sha', 'tag'] as const, 'sha'),
    workflowFileName: /^[A-Za-z0-9._-]+\.ya?ml$/.test(text('workflowFileName', '')) ? text('workflowFileName', '') : 'release.yml',
    ...wheelPlatformsSetting(config.get<unknown>('wheelPlatforms')),
    checksEnabled: config.get<boolean>('checks.enabled') !== false,
    pypiUrl: baseUrl('pypiUrl', 'https://pypi.org'),
    testPypiUrl: baseUrl('testPypiUrl', 'https://test.pypi.org'),
    githubApiUrl: baseUrl('githubApiUrl', 'https://api.github.com'),
    githubAuthProvider: machine('githubAuthProvider') ?? 'github',
    problems,
    pypiChecksEnabled: config.get<boolean>('pypiChecks.enabled') !== false,
    watchReleaseRuns: config.inspect<unknown>('releaseRuns.watch')?.globalValue === true,
    ...ruleSettings(config.get<unknown>('rules')),
  };
}

/** The settings as the planner's options (the user's explicit choices override them). */
export function planOptionsFrom(settings: Settings): PlanOptions {
  return {
    environment: settings.environment,
    testPypiEnvironment: settings.testPypiEnvironment,
    trigger: settings.trigger,
    buildTool: settings.buildTool,
    pinning: settings.pinActions,
    workflowFileName: settings.workflowFileName,
    ...(settings.wheelPlatforms ? { platforms: settings.wheelPlatforms } : {}),
  };
}

/** The known platform names of the `wheelPlatforms` setting (unset or empty means every platform), and the others. */
function wheelPlatformsSetting(value: unknown): Pick<Settings, 'wheelPlatforms' | 'wheelPlatformsIgnored'> {
  const read = readWheelPlatforms(value, `${SECTION}.wheelPlatforms`);
  return { ...(read.platforms ? { wheelPlatforms: read.platforms } : {}), ...(read.ignored ? { wheelPlatformsIgnored: read.ignored } : {}) };
}

/** Keeps only well-formed entries of the `rules` setting: a typo must not disable a rule silently. */
function ruleSettings(value: unknown): Pick<Settings, 'rules' | 'hints'> {
  const allowed = ['error', 'warning', 'info', 'hint', 'off'];
  const entries = value && typeof value === 'object' ? Object.entries(value).filter(([, level]) => typeof level === 'string' && allowed.includes(level)) : [];
  const rules = Object.fromEntries(entries.map(([id, level]) => [id, level === 'hint' ? 'info' : level])) as Record<string, Severity | 'off'>;
  const hints = new Set([...adviceRules()].filter((id) => !(id in rules)));
  for (const [id, level] of entries) if (level === 'hint') hints.add(id);
  return { rules, hints };
}
