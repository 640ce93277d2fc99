import * as vscode from 'vscode';
import type { PlanOptions } from '../core/publish/types';

/** Every setting of the extension, typed, with its default: read here and nowhere else. */
export interface Settings {
  remoteName: string;
  environment: string;
  testPypiEnvironment: string;
  trigger: 'release' | 'tag';
  buildTool: 'build' | 'uv';
  pinActions: 'sha' | 'tag';
  workflowFileName: string;
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
  return {
    remoteName: text('remoteName', 'origin'),
    environment: text('environment', 'pypi'),
    testPypiEnvironment: text('testPypiEnvironment', 'testpypi'),
    trigger: choice('trigger', ['release', 'tag'] as const, 'release'),
    buildTool: choice('buildTool', ['build', 'uv'] as const, 'build'),
    pinActions: choice('pinActions', ['sha', 'tag'] as const, 'sha'),
    workflowFileName: /^[A-Za-z0-9._-]+\.ya?ml$/.test(text('workflowFileName', '')) ? text('workflowFileName', '') : 'release.yml',
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
  };
}
