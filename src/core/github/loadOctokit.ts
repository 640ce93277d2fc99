import type { Octokit } from '@octokit/core';

/** The one thing the client needs from octokit: its core class with the retry and throttling plugins applied. */
export interface OctokitModule {
  Octokit: typeof Octokit;
}

/**
 * A real `import()` that the TypeScript compiler cannot rewrite. With `module: commonjs`, tsc turns `import('x')` into
 * `require('x')`, and octokit 7 ships only ES modules: Node before 20.19 refuses to `require` them.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function load<T>(imported: () => Promise<T>, specifier: string): Promise<T> {
  try {
    return await imported();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_REQUIRE_ESM') return (await nativeImport(specifier)) as T;
    throw error;
  }
}

/**
 * Loads octokit on first use, never at activation: `@octokit/core` with only the plugins the client uses (retry and
 * throttling; pagination is ours, see pagination.ts, and calls go through `request`, so no endpoint methods).
 *
 * In the esbuild bundle (`dist/network.js`) the literal `import('...')`s are followed and the packages are bundled in,
 * so the packaged extension needs no node_modules. In the tsc build (the unit tests) those lines become `require()`,
 * which Node 20.19+ allows for ES modules; older Nodes answer ERR_REQUIRE_ESM and we fall back to a native import.
 */
export async function loadOctokit(): Promise<OctokitModule> {
  const [core, retry, throttling] = await Promise.all([
    load(() => import('@octokit/core'), '@octokit/core'),
    load(() => import('@octokit/plugin-retry'), '@octokit/plugin-retry'),
    load(() => import('@octokit/plugin-throttling'), '@octokit/plugin-throttling'),
  ]);
  return { Octokit: core.Octokit.plugin(retry.retry, throttling.throttling) };
}
