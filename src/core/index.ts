/**
 * The pure core, built as `dist/core.js` for any Node program: no editor, no network, no process spawned.
 */
export * from './result';
export * from './files';
export * from './git';
export * from './pyproject';
export * from './publish';
export * from './setup/packageLocation';
export type * from './git/types';
export type * from './pyproject/types';
export type * from './publish/types';
export * from './lint';
export * from './diagnose';
