export type OctokitModule = typeof import('octokit');

/**
 * A real `import()` that the TypeScript compiler cannot rewrite. With `module: commonjs`, tsc turns `import('x')` into
 * `require('x')`, and octokit 5 ships only ES modules: Node before 20.19 refuses to `require` them.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<OctokitModule>;

/**
 * Loads octokit on first use, never at activation.
 *
 * In the esbuild bundle (`dist/network.js`) the literal `import('octokit')` is followed and octokit is bundled in, so
 * the packaged extension needs no node_modules. In the tsc build (the unit tests) that same line becomes `require()`,
 * which Node 20.19+ allows for ES modules; older Nodes answer ERR_REQUIRE_ESM and we fall back to a native import.
 */
export async function loadOctokit(): Promise<OctokitModule> {
  try {
    return await import('octokit');
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_REQUIRE_ESM') return nativeImport('octokit');
    throw error;
  }
}
