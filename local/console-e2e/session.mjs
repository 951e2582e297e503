// What both browser scripts share: where the console is, the screenshots with their axe-core check, and a
// Chromium that records every console error, page error, failed request and unexpected HTTP error.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = (process.env.CONSOLE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const RUN = String(Date.now() % 100000).padStart(5, '0');

export function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

export async function expectText(locator, pattern, what) {
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout: 15000 });
  } catch {
    const seen = await locator.allInnerTexts().catch(() => []);
    throw new Error(what + ': expected ' + pattern + ', saw ' + JSON.stringify(seen));
  }
}

/** The API straight, as the phone system or another admin would call it (no screen does these). */
export async function call(method, path, token, body) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  const r = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

export async function must(status, answer, what) {
  const a = await answer;
  check(a.status === status, what + ' answered ' + a.status + ': ' + JSON.stringify(a.body));
  return a.body;
}

/** One run: its screenshots folder (emptied), what went wrong, and the HTTP statuses provoked on purpose. */
export class Session {
  constructor(shots) {
    this.shotsDir = process.env.SHOTS || shots;
    rmSync(this.shotsDir, { recursive: true, force: true });
    mkdirSync(this.shotsDir, { recursive: true });
    this.started = Date.now();
    this.problems = [];
    this.axeReport = {};
    this.shots = 0;
    this.allow = []; // HTTP statuses the script provokes on purpose, for the step at hand
    this.seen = 0; // how many responses had one of them
    this.losing = false; // while true, a request that fails was made to fail by the script (an answer lost)
    this.lost = 0; // how many did
  }

  /** A screenshot of the page, and axe-core's findings on it (serious and critical ones are problems). */
  async screen(page, name) {
    this.shots += 1;
    const file = join(this.shotsDir, String(this.shots).padStart(2, '0') + '-' + name + '.png');
    await page.screenshot({ path: file, fullPage: true });
    const result = await new AxeBuilder({ page }).analyze();
    const byImpact = {};
    for (const v of result.violations) {
      byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
      if (v.impact === 'serious' || v.impact === 'critical') {
        this.problems.push('axe ' + v.impact + ' on ' + name + ': ' + v.id + ' (' + v.help + ') at '
          + v.nodes.map(n => n.target.join(' ')).join(', '));
      }
    }
    this.axeReport[name] = { violations: result.violations.length, ...byImpact, passes: result.passes.length };
  }

  /** Debian's Chromium, headless, on a fresh profile; its page reports what goes wrong into this session. */
  async open() {
    const profile = mkdtempSync(join(tmpdir(), 'console-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('console', msg => {
      if (msg.type() !== 'error') return;
      if (this.losing && msg.text().includes('net::ERR_CONNECTION_RESET')) return;
      if (this.allow.some(code => msg.text().includes('status of ' + code))) return;
      this.problems.push('console error: ' + msg.text());
    });
    page.on('pageerror', e => this.problems.push('page error: ' + e.message));
    page.on('requestfailed', r => {
      if (this.losing) {
        this.lost += 1;
        return;
      }
      this.problems.push('request failed: ' + r.method() + ' ' + r.url() + ' ' + r.failure()?.errorText);
    });
    page.on('response', r => {
      if (this.allow.includes(r.status())) {
        this.seen += 1;
      } else if (r.status() >= 400) {
        this.problems.push('HTTP ' + r.status() + ' for ' + r.request().method() + ' ' + r.url());
      }
    });
    return { context, page, close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    } };
  }

  /**
   * Runs the script's steps, then writes summary.json beside the screenshots and exits 0 only when they all
   * passed with no problem recorded; {@code extra} adds the script's own findings to the summary.
   */
  async finish(steps, extra = () => ({})) {
    let failure = null;
    try {
      await steps();
    } catch (e) {
      failure = e;
    }
    const summary = { ok: !failure && this.problems.length === 0, seconds: (Date.now() - this.started) / 1000,
      screens: this.shots, axe: this.axeReport, ...extra(), problems: this.problems,
      failure: failure ? String(failure.stack || failure) : null };
    writeFileSync(join(this.shotsDir, 'summary.json'), JSON.stringify(summary, null, 2));
    console.log(JSON.stringify(summary, null, 2));
    process.exit(summary.ok ? 0 : 1);
  }
}
