import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); Playwright's own browser download does not work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  // Without the background-networking flags Chromium keeps trying Google's hosts, which this network refuses.
  // Playwright gives every launch a new empty profile (user data dir) of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

/** Screenshots of the pages, committed for the README (override with SCREENSHOT_DIR). */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** Every console message and page error of a context, to prove that no personal data is written there. */
export class ConsoleWatch {
  readonly messages: string[] = [];
  readonly errors: string[] = [];
  watch(page: Page): Page {
    page.on('console', (m) => {
      // bull-board (/admin/queues) is another application, with its own console.
      if (!m.location().url.includes('/admin/queues')) this.messages.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(e.message));
    return page;
  }

  /** Console errors, but Chromium's own line for each answer of these statuses (refusals the test provoked). */
  unexpectedErrors(expectedStatuses: number[]): string[] {
    const expected = new RegExp(
      `^error: Failed to load resource: the server responded with a status of (${expectedStatuses.join('|')}) `,
    );
    return this.messages.filter((m) => m.startsWith('error') && !expected.test(m));
  }
}

export async function newPage(browser: Browser, watch: ConsoleWatch): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(15_000);
  const page = watch.watch(await context.newPage());
  return { context, page };
}

/** axe-core on the page as it is: no serious or critical violation of WCAG 2.1 A/AA. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
  expect({ page: label, violations: bad }).toEqual({ page: label, violations: [] });
}

/**
 * The page at desktop (1280×800) and phone (360×740) width, full length, into SCREENSHOT_DIR; at phone width
 * nothing may be wider than the screen (no sideways scrolling).
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(100);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  // On failure, name the elements that stick out, to say what to fix.
  const culprits =
    overflow > 0
      ? await page.evaluate<string[]>(
          "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-5).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))",
        )
      : [];
  expect({ page: name, horizontalOverflowPx: overflow, culprits }).toEqual({
    page: name,
    horizontalOverflowPx: 0,
    culprits: [],
  });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** Waits until the locator is visible (Playwright's own `expect` is not part of playwright-core). */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** The element that has the focus, described by its tag, id and role, for focus management checks. */
export function focused(page: Page): Promise<string> {
  return page.evaluate<string>(
    "(() => { const e = document.activeElement; return e ? [e.tagName.toLowerCase(), e.id, e.getAttribute('role') ?? '', e.className].join('|') : ''; })()",
  );
}

/** Clicks `refresh` until `target` shows (a read model catching up with a write made by someone else). */
export async function refreshUntilVisible(
  target: Locator,
  refresh: () => Promise<unknown>,
  timeout = 20_000,
): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      await target.first().waitFor({ state: 'visible', timeout: 1_500 });
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await refresh();
    }
  }
}

/**
 * Waits until the locator's text matches (a figure that a read model, a refetch or a reload brings). `refresh`,
 * when given, is called between tries (a reload for figures that another user's write changes).
 */
export async function untilText(
  locator: Locator,
  expected: string | RegExp,
  refresh?: () => Promise<unknown>,
  timeout = 20_000,
): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const last = await locator
      .first()
      .textContent({ timeout: 1_500 })
      .catch(() => null);
    const text = last?.trim() ?? '';
    if (typeof expected === 'string' ? text === expected : expected.test(text)) return text;
    if (Date.now() > until) throw new Error(`expected ${String(expected)}, last saw ${JSON.stringify(last)}`);
    if (refresh) await refresh();
    else await new Promise((r) => setTimeout(r, 250));
  }
}

/** The cells of a table's body rows, as text, row by row (row headers included). */
/**
 * The table's rows once `accept` holds, polled until the timeout (a chart's table is re-rendered when its data
 * is fetched again, and may be empty for a moment); the last rows read otherwise, for the caller's assertion.
 */
export async function tableRowsWhen(
  table: Locator,
  accept: (rows: string[][]) => boolean,
  timeout = 15_000,
): Promise<string[][]> {
  const until = Date.now() + timeout;
  for (;;) {
    const rows = await tableRows(table);
    if (accept(rows) || Date.now() > until) return rows;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function tableRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push((await rows.nth(i).locator('th, td').allTextContents()).map((s) => s.trim()));
  }
  return out;
}
