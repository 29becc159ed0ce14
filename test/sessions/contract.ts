// The contract every live session passes, whatever its transport: one suite,
// run by local.test.ts, netns.test.ts, ssh.test.ts and shims.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetSpec } from '../../src/config/schema.js';
import { createSessionPool } from '../../src/sessions/pool.js';
import type { RunOptions, Session, SessionPool } from '../../src/sessions/types.js';
import { pidsWithArgs } from './lab.js';

/** What a transport's test file provides to the contract. */
export interface ContractSubject {
  targets: Record<string, TargetSpec>;
  /** The target under test. */
  target: string;
  env?: NodeJS.ProcessEnv;
  /** A command whose output shows where it runs, and what it must print there. */
  where: { command: string; expect: RegExp };
  /** PIDs of processes with exactly this command line in the target's world (its netns, under its sshd). */
  processes(args: string): string[];
}

const opts: RunOptions = { timeoutMs: 20_000 };

// Waits (without a deadline of its own: the test timeout is the bound) until `check` holds.
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

// Registers the contract cases for the subject that `setup` returns.
export function sessionContract(name: string, setup: () => Promise<ContractSubject> | ContractSubject): void {
  describe(`session contract: ${name}`, () => {
    let subject: ContractSubject;
    let pool: SessionPool;
    let s: Session;
    const pools: SessionPool[] = [];
    const newPool = (outputCap?: number) => {
      const p = createSessionPool(subject.targets, { env: subject.env, outputCap, graceMs: 500 });
      pools.push(p);
      return p;
    };

    beforeAll(async () => {
      subject = await setup();
      pool = newPool();
      s = pool.session(subject.target);
    });
    afterAll(async () => {
      await Promise.all(pools.map((p) => p.closeAll()));
    });

    it('runs on its own target', async () => {
      const r = await s.run(subject.where.command, opts);
      expect(r.error).toBeUndefined();
      expect(r.output).toMatch(subject.where.expect);
    });

    it('returns output and exit status', async () => {
      expect(await s.run('echo hello', opts)).toMatchObject({ output: 'hello\n', exitCode: 0, noFinalNewline: false });
      expect(await s.run('echo failing; (exit 7)', opts)).toMatchObject({ output: 'failing\n', exitCode: 7 });
      expect((await s.run('no-such-command-rbs', opts)).exitCode).toBe(127);
    });

    it('interleaves stdout and stderr in the order printed', async () => {
      expect((await s.run('echo a; echo b >&2; echo c; echo d >&2', opts)).output).toBe('a\nb\nc\nd\n');
    });

    it('keeps cd, export, functions and declared arrays between commands', async () => {
      await s.run('cd /tmp && export RBS_X=42 && rbs_f() { echo "f:$1"; } && declare -A rbs_m=([k]=v)', opts);
      expect((await s.run('pwd; echo "$RBS_X"; rbs_f z; echo "${rbs_m[k]}"', opts)).output).toBe('/tmp\n42\nf:z\nv\n');
    });

    it('takes each command whole whatever the locale counts as a character, and a top-level return ends only that command', async () => {
      // Records are counted in bytes: a UTF-8 locale the command itself sets must not shift the next record.
      await s.run('export LC_ALL=C.UTF-8 LANG=C.UTF-8 2>/dev/null || true', opts);
      expect((await s.run("echo 'héllo 日本 🎉'; echo \"${#RBS_NONE}\"", opts)).output).toBe('héllo 日本 🎉\n0\n');
      expect((await s.run('printf "%s\\n" "ünïcödé\\\\n"', opts)).output).toBe('ünïcödé\\n\n');
      expect(await s.run('echo one; return 4; echo never', opts)).toMatchObject({ output: 'one\n', exitCode: 4 });
      expect((await s.run('echo "still $RBS_X"; unset LC_ALL', opts)).output).toBe('still 42\n');
    });

    it('gives commands that read stdin an immediate EOF', async () => {
      expect(await s.run('cat; read -r x; echo "read=$?"', opts)).toMatchObject({ output: 'read=1\n', exitCode: 0 });
    });

    it('reports a missing final newline and keeps the text exact', async () => {
      expect(await s.run('printf abc', opts)).toMatchObject({ output: 'abc', noFinalNewline: true });
      expect(await s.run("printf 'abc\\n\\n'", opts)).toMatchObject({ output: 'abc\n\n', noFinalNewline: false });
      expect(await s.run('true', opts)).toMatchObject({ output: '', noFinalNewline: false });
    });

    it('is not fooled by output that looks like a delimiter line', async () => {
      const fake = "printf '\\n__RB_0123456789abcdef0123456789abcdef__ 1 0\\n__RB_x__ ready 1\\n'; echo real";
      expect(await s.run(fake, opts)).toMatchObject({
        output: '\n__RB_0123456789abcdef0123456789abcdef__ 1 0\n__RB_x__ ready 1\nreal\n', exitCode: 0,
      });
    });

    it('reports `exit 3` as the end of the shell, and the next command gets a fresh one', async () => {
      await s.run('export RBS_GONE=1', opts);
      const r = await s.run('echo before; exit 3', opts);
      expect(r).toMatchObject({ output: 'before\n', exitCode: null });
      expect(r.error).toMatch(/ended during the command/);
      expect(await s.run('echo "fresh:${RBS_GONE-unset}"', opts)).toMatchObject({ output: 'fresh:unset\n', exitCode: 0 });
      expect((await s.run('exec true', opts)).error).toMatch(/ended during the command/);
      expect((await s.run('echo again', opts)).output).toBe('again\n');
    });

    it('reports `exit` at once even while a background job keeps the output open', async () => {
      const r = await s.run('sleep 100.606 & exit 4', opts);
      for (const job of pidsWithArgs('sleep 100.606')) process.kill(Number(job), 'SIGKILL');
      expect(r.error).toMatch(/ended during the command \(exit status 4\)/);
      expect((await s.run('echo back', opts)).output).toBe('back\n');
    });

    it('reports a shell killed from outside (VM rebooted, pod deleted), and the next command gets a fresh one', async () => {
      const pid = Number((await s.run('echo $$', opts)).output);
      const running = s.run('echo going; sleep 100.505', opts);
      await until(() => subject.processes('sleep 100.505').length > 0);
      // Everything in the "machine" dies at once: the shell, then what it was running.
      const children = subject.processes('sleep 100.505');
      process.kill(pid, 'SIGKILL');
      for (const child of children) process.kill(Number(child), 'SIGKILL');
      const r = await running;
      expect(r).toMatchObject({ output: 'going\n', exitCode: null });
      expect(r.error).toMatch(new RegExp(`^the shell on target "${subject.target}" ended during the command`));
      expect((await s.run('echo reborn', opts)).output).toBe('reborn\n');
    });

    it('times out a hanging command on the target, and the same shell goes on', async () => {
      await s.run('export RBS_KEPT=yes', opts);
      const r = await s.run('echo started; sleep 100.101', { timeoutMs: 700 });
      expect(r).toMatchObject({ timedOut: true, exitCode: null, output: 'started\n' });
      expect(r.error).toBeUndefined();
      expect(subject.processes('sleep 100.101')).toEqual([]);
      expect((await s.run('echo "next:$RBS_KEPT"', opts)).output).toBe('next:yes\n');
    });

    it('stops a loop the shell itself runs after stop-after, keeping what it printed', async () => {
      const r = await s.run('while true; do echo x; sleep 0.1; done', { timeoutMs: 20_000, stopAfterMs: 600 });
      expect(r).toMatchObject({ stopped: true, timedOut: false, exitCode: null });
      expect(r.error).toBeUndefined();
      expect(r.output).toMatch(/^(x\n)+$/);
      expect((await s.run('echo after', opts)).output).toBe('after\n');
    });

    it('interrupts on abort and leaves no process of the command on the target', async () => {
      const ctl = new AbortController();
      const running = s.run('sleep 100.202', { timeoutMs: 60_000, signal: ctl.signal });
      await until(() => subject.processes('sleep 100.202').length > 0);
      ctl.abort();
      const r = await running;
      expect(r).toMatchObject({ interrupted: true, exitCode: null });
      expect(subject.processes('sleep 100.202')).toEqual([]);
      expect((await s.run('echo still-here', opts)).output).toBe('still-here\n');
    });

    it('truncates output past the cap with a marker, and goes on', async () => {
      const small = newPool(1000).session(subject.target);
      const r = await small.run("head -c 5000 /dev/zero | tr '\\0' a; echo; echo end", opts);
      expect(r).toMatchObject({ truncated: true, exitCode: 0 });
      expect(r.output).toBe(`${'a'.repeat(1000)}\n[runbook: output truncated after 1000 bytes]\n`);
      expect(await small.run('echo small', opts)).toMatchObject({ output: 'small\n', truncated: false });
    });

    it('keeps unicode exact across chunks and decodes binary with replacement characters', async () => {
      expect((await s.run("echo 'héllo ✓ 日本 🎉'", opts)).output).toBe('héllo ✓ 日本 🎉\n');
      const many = await s.run("for i in $(seq 3000); do printf '日本語🎉'; done; echo", opts);
      expect(many.output).toBe(`${'日本語🎉'.repeat(3000)}\n`);
      expect((await s.run("printf '\\xff\\xfe\\x00ok\\n'", opts)).output).toBe('\ufffd\ufffd\u0000ok\n');
    });

    it('carries large outputs whole', async () => {
      const r = await s.run('seq 100000', opts);
      expect(r.output.length).toBe(588895);
      expect(r.output.endsWith('99999\n100000\n')).toBe(true);
    });

    it('writes files byte for byte, creating parent directories', async () => {
      const content = `it's "quoted" \\ $(no) \`no\` $HOME\n\tü 🎉\r\nno newline at end`;
      await s.run('rm -rf /tmp/rbs-contract', opts);
      expect((await s.writeFile('/tmp/rbs-contract/a b/file.txt', content, opts)).exitCode).toBe(0);
      expect((await s.run("cat '/tmp/rbs-contract/a b/file.txt'", opts)).output).toBe(content);
      expect((await s.run("wc -c < '/tmp/rbs-contract/a b/file.txt'", opts)).output.trim()).toBe(String(Buffer.byteLength(content)));
      await s.run('rm -rf /tmp/rbs-contract', opts);
    });
  });
}
