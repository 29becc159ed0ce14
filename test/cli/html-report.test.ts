// `--reporter html --output FILE`: one self-contained page, opened in headless
// Chromium the way a person would open it, and checked through its DOM.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runbook, scratch } from '../support/cli.js';

function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/bin/chromium';
  }
}

const doc = [
  '# HTML report',
  '',
  'A step that passes:',
  '',
  '```console',
  '$ echo hello',
  'hello',
  '```',
  '',
  'One that drifts:',
  '',
  '```console',
  '$ echo a',
  'b',
  '```',
  '',
  '<!-- runbook: timeout=1s -->',
  '```console',
  '$ sleep 5',
  '```',
  '',
  '<!-- runbook: skip -->',
  '```console',
  '$ echo never',
  'never',
  '```',
  '',
].join('\n');

function dirWith(text: string): string {
  const dir = scratch();
  writeFileSync(join(dir, 'rb.md'), text);
  return dir;
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath() });
});
afterAll(async () => {
  await browser?.close();
});

// Opens the report, recording every request the page makes and every dialog it opens.
async function open(file: string): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${file}`);
  return { page, requests, dialogs, errors };
}

describe('--reporter html', () => {
  let dir: string;
  let report: string;
  let run: Awaited<ReturnType<typeof runbook>>;
  beforeAll(async () => {
    dir = dirWith(doc);
    run = await runbook(['run', '--reporter', 'html', '--output', 'out/report.html', 'rb.md'], { cwd: dir });
    report = join(dir, 'out', 'report.html');
  });

  it('writes one page to --output and the summary line to stderr', () => {
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('1 passed, 2 failed, 1 skipped');
    expect(run.stdout).toBe('');
    const html = readFileSync(report, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Self-contained: the style inline, nothing to fetch.
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
  });

  it('shows the summary, each step block marked by its outcome, and the diff under the drifted one', async () => {
    const { page, requests, errors } = await open(report);
    expect(await page.locator('#summary').textContent()).toBe('1 passed, 2 failed, 1 skipped');
    expect(await page.locator('#breakdown').textContent()).toBe('failed: 1 drifted, 1 errored');

    const blocks = page.locator('figure.block.has-steps');
    expect(await blocks.count()).toBe(4);
    const seen = await blocks.evaluateAll((els) =>
      els.map((el) => ({
        outcome: el.getAttribute('data-outcome'),
        classes: el.className,
        label: el.querySelector('figcaption .badge')?.textContent,
        steps: [...el.querySelectorAll('li.step .badge')].map((b) => b.textContent),
      })),
    );
    expect(seen.map((b) => [b.outcome, b.label, b.steps])).toEqual([
      ['passed', 'passed', ['passed']],
      ['drifted', 'drifted', ['drifted']],
      ['errored', 'errored', ['errored']],
      ['skipped', 'skipped', ['skipped']],
    ]);
    for (const b of seen) expect(b.classes).toContain(`o-${b.outcome}`);

    // The drifted block: its diff, the command as run, the exit status.
    const drifted = page.locator('figure.block[data-outcome="drifted"]');
    expect(await drifted.locator('pre.diff .dl').allTextContents()).toEqual(['@@ rb.md:14 @@\n', '-b\n', '+a\n']);
    expect(await drifted.locator('pre.diff .del').textContent()).toBe('-b\n');
    expect(await drifted.locator('pre.diff .add').textContent()).toBe('+a\n');
    expect(await drifted.locator('pre.command').textContent()).toBe('echo a');
    expect(await drifted.locator('li.step .where').textContent()).toBe('line 13');
    expect(await drifted.locator('li.step .time').textContent()).toMatch(/^\d+ ms$/);

    // The errored block says why; the skipped one says why not.
    const errored = page.locator('figure.block[data-outcome="errored"]');
    expect(await errored.locator('.detail').textContent()).toContain('errored (timed-out)');
    expect(await errored.locator('.detail').textContent()).toContain('timed out after 1s');
    expect(await page.locator('figure.block[data-outcome="skipped"] .reason').textContent()).toMatch(/skip/);
    // The annotation comment is shown as text above its block.
    expect(await page.locator('p.annotation').allTextContents()).toEqual(['runbook: timeout=1s', 'runbook: skip']);
    // The markdown itself is rendered: its heading and prose.
    expect(await page.locator('article.doc h1').textContent()).toBe('HTML report');

    await page.screenshot({ path: '/tmp/html-report.png', fullPage: true });
    // It prints: the print stylesheet applies, no dark background is left, and a PDF comes out.
    await page.emulateMedia({ media: 'print' });
    const dark = await page.evaluate(() => {
      const luminance = (c: string) => {
        const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)/.exec(c);
        if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return 1;
        return (0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3])) / 255;
      };
      return [...document.querySelectorAll('*')].filter((el) => luminance(getComputedStyle(el).backgroundColor) < 0.9).map((el) => el.tagName + '.' + el.className);
    });
    expect(dark).toEqual([]);
    await page.screenshot({ path: '/tmp/html-report-print.png', fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    // No request but the file itself.
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith('file://')).toBe(true);
    await page.close();
  });

  it('shows HTML in output as text: no element, no script runs; a block of several steps takes the worst and lists each', async () => {
    const d = dirWith(['# t', '', '```console', "$ echo '<script>alert(1)</script>'", '<script>alert(1)</script>', '$ echo \'<b id="x">y</b>\'', 'z', '```', ''].join('\n'));
    const r = await runbook(['run', '--reporter', 'html', '--output', 'report.html', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(1);
    const html = readFileSync(join(d, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b id="x">');
    const { page, dialogs, requests } = await open(join(d, 'report.html'));
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#x').count()).toBe(0);
    expect(dialogs).toEqual([]);
    const block = page.locator('figure.block.has-steps');
    expect(await block.getAttribute('data-outcome')).toBe('drifted');
    expect(await block.locator('li.step .badge').allTextContents()).toEqual(['passed', 'drifted']);
    expect(await block.locator('pre.code').textContent()).toContain("$ echo '<script>alert(1)</script>'\n<script>alert(1)</script>\n");
    expect(await block.locator('pre.diff .add').textContent()).toBe('+<b id="x">y</b>\n');
    for (const url of requests) expect(url.startsWith('file://')).toBe(true);
    await page.close();
  });

  it('lists the bindings and the substitutions made', async () => {
    const d = dirWith(['# t', '', '```console', '$ echo 10.1.2.3', '10.9.9.9', '$ echo "ping 10.9.9.9"', 'ping 10.9.9.9', '```', ''].join('\n'));
    const r = await runbook(['run', '--reporter', 'html', '--output', 'report.html', 'rb.md'], { cwd: d });
    expect(r.exitCode).toBe(0);
    const { page } = await open(join(d, 'report.html'));
    expect(await page.locator('table.bindings tbody tr td').allTextContents()).toEqual(['ipv4', '10.9.9.9', '10.1.2.3', 'rb.md:5']);
    expect(await page.locator('ul.subs li').textContent()).toBe('10.9.9.9 → 10.1.2.3 (ipv4)');
    expect(await page.locator('li.step pre.command').textContent()).toBe('echo "ping 10.1.2.3"');
    // The binding's file:line links to the line in the rendered runbook.
    await page.locator('table.bindings a').click();
    expect(await page.evaluate(() => document.querySelector(':target')?.textContent)).toBe('10.9.9.9\n');
    await page.close();
  });

  it('masks redact: values, even ones that HTML would escape', async () => {
    const secret = 'tok<en>&"s3cr3t"';
    const d = dirWith(['---', 'runbook:', '  redact: [API_TOKEN]', '---', '# t', '', '```console', '$ echo "token is $API_TOKEN"', 'token is nothing', '```', ''].join('\n'));
    const r = await runbook(['run', '-v', '--reporter', 'html', '--output', 'report.html', 'rb.md'], { cwd: d, env: { API_TOKEN: secret } });
    expect(r.exitCode).toBe(1);
    const html = readFileSync(join(d, 'report.html'), 'utf8');
    for (const form of [secret, 's3cr3t', 'tok&#x3C;en', 'tok&lt;en']) expect(html).not.toContain(form);
    expect(html).toContain('+token is [REDACTED:API_TOKEN]');
    expect(r.all).not.toContain('s3cr3t');
    // To stdout (no --output) the same page passes the same redactor.
    const out = await runbook(['run', '--reporter', 'html', 'rb.md'], { cwd: d, env: { API_TOKEN: secret } });
    expect(out.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(out.all).not.toContain('s3cr3t');
    expect(out.stdout).toContain('[REDACTED:API_TOKEN]');
    expect(out.stderr).toContain('0 passed, 1 failed, 0 skipped');
  });

  it('works for check and update too', async () => {
    const d = dirWith('# t\n\n```console\n$ echo a\nb\n```\n');
    const c = await runbook(['check', '--reporter', 'html', '--output', 'check.html', 'rb.md'], { cwd: d });
    expect(c.exitCode).toBe(1);
    expect(readFileSync(join(d, 'check.html'), 'utf8')).toContain('<p class="summary" id="summary">0 passed, 1 failed, 0 skipped</p>');
    const u = await runbook(['update', '--reporter', 'html', '--output', 'update.html', 'rb.md'], { cwd: d });
    expect(existsSync(join(d, 'update.html'))).toBe(true);
    expect(readFileSync(join(d, 'update.html'), 'utf8')).toContain('id="summary"');
    expect(u.stderr).toMatch(/\d+ passed, \d+ failed, \d+ skipped/);
    expect(readFileSync(join(d, 'rb.md'), 'utf8')).toContain('$ echo a\na\n');
  });
});
