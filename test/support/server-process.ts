import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitFor } from '../jobs/support/jobs-test-kit';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far: its log, as an operator would read it. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * src/main.ts in a child process, as `npm start` runs it (transpiled like the jobs tests' workers), on the
 * given database: for what only the real process shows, such as its log output.
 */
export async function startServer(
  env: Record<string, string | undefined>,
  args: string[] = [],
  options: { timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  // undefined removes a variable this process has (the suite's ADMIN_PASSWORD, say).
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'info',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'test', 'jobs', 'support', 'ts-register.js'), 'src/main.ts', ...args],
    {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `server on ${port}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      return (await fetch(`${url}/health`).catch(() => null))?.ok;
    },
    options.timeoutMs ?? 90_000,
    200,
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, url, output: () => output, stop };
}
