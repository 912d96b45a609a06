/**
 * The parent's side of the child process (src/verify/child.ts): starts it in
 * the project's folder, sends one request at a time, and kills it when a
 * request outlives the time limit. A killed child is started again (and
 * connected again) for the next request: the database keeps what was done.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionSpec, Reply, Request } from './protocol';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string; code?: string; timedOut?: boolean };

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;

/** The compiled child script: beside this module in dist/, or dist/ seen from the sources (tests run them). */
export function childScript(): string {
  const beside = path.join(__dirname, 'child.js');
  if (existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', 'dist', 'src', 'verify', 'child.js');
  if (existsSync(built)) return built;
  throw new Error(`the verify child script is not built (${built}): run npm run build`);
}

const INIT_TIMEOUT_MS = 120_000;

export class Worker {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private stderrTail: string[] = [];
  /** The server's `version()`, from the first connection. */
  version = '';

  constructor(
    private readonly options: {
      cwd: string;
      sequelize: string;
      connection: ConnectionSpec;
      timeoutMs: number;
      env?: NodeJS.ProcessEnv;
      script?: string;
    },
  ) {}

  /** Sends a request (starting and connecting the child first when needed); never throws. */
  async request<T>(req: WithoutId<Request>): Promise<Outcome<T>> {
    if (this.stopped) return { ok: false, error: 'stopped (the run was interrupted)' };
    if (!this.child) {
      const started = await this.start();
      if (!started.ok) return started;
    }
    return this.send<T>(req);
  }

  private async start(): Promise<Outcome<null>> {
    this.stderrTail = [];
    const child = fork(this.options.script ?? childScript(), [], {
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    child.on('error', () => undefined); // a send to a child that just died: its 'exit' says what happened
    child.stdout?.resume(); // what migrations print is not the report's
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = [...this.stderrTail, ...text.split('\n').filter(Boolean)].slice(-5);
    });
    this.child = child;
    // Starting Node and loading sequelize is not the project's code: a generous limit of its own.
    const init = await this.send<string>({ op: 'init', sequelize: this.options.sequelize, connection: this.options.connection }, Math.max(this.options.timeoutMs, INIT_TIMEOUT_MS));
    if (!init.ok) {
      this.kill();
      return { ...init, error: `cannot connect the project's sequelize to the database: ${init.error}` };
    }
    if (!this.version) this.version = init.value;
    return { ok: true, value: null };
  }

  private send<T>(req: WithoutId<Request>, timeoutMs = this.options.timeoutMs): Promise<Outcome<T>> {
    const child = this.child!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: Outcome<T>) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        if (reply.ok) finish({ ok: true, value: reply.value as T });
        else finish({ ok: false, error: reply.error, ...(reply.code ? { code: reply.code } : {}) });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.child === child) this.child = null;
        const tail = this.stderrTail.length > 0 ? `: ${this.stderrTail.join(' | ')}` : '';
        finish({ ok: false, error: `the process running the project's code ended (${signal ?? `exit code ${code}`})${tail}` });
      };
      const timer = setTimeout(() => {
        this.kill();
        const seconds = timeoutMs / 1000;
        finish({ ok: false, timedOut: true, error: `did not finish within the time limit (${seconds} s): stopped` });
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ ...req, id } as Request);
    });
  }

  private stopped = false;

  /** Kills the child and refuses every later request (Ctrl-C, SIGTERM). */
  stop(): void {
    this.stopped = true;
    this.kill();
  }

  /** Kills the child now (SIGKILL: a busy loop ignores everything else). */
  kill(): void {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  /** Closes the connection and lets the child end. */
  async close(): Promise<void> {
    if (!this.child) return;
    await this.send({ op: 'close' });
    this.kill();
  }
}
