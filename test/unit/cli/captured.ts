import { runCli } from '../../../src/cli';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in `cwd` as a user would, with what it prints collected; `stdin` is what `-` reads. */
export async function runCaptured(cwd: string, argv: string[], stdin?: string): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
  });
  return { code, stdout, stderr };
}

export const cli = (cwd: string, ...argv: string[]): Promise<Ran> => runCaptured(cwd, argv);
