import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoStack, startDemoStack } from '../src/demo-stack.js';
import { DEFAULT_MODEL } from '../src/demo-script.js';
import { chromiumPath, sandboxAvailable } from './system-deps.js';

const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts');
const executablePath = chromiumPath();
const withSandbox = sandboxAvailable();

describe.skipIf(!executablePath)('the demo web page in headless Chromium', () => {
  let stack: DemoStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startDemoStack({
      mode: { kind: 'offline', reason: 'test' },
      model: DEFAULT_MODEL,
      web: true,
    });
    stack.webSettings = {
      mode: 'offline',
      setup: {
        model: DEFAULT_MODEL,
        shields: stack.shields.filter((id) => id === 'llama-guard'),
        codeInterpreter: stack.toolgroups.includes('builtin::code_interpreter'),
      },
    };
    browser = await chromium.launch({
      executablePath: executablePath!,
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(stack.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function ask(question: string) {
    await page.fill('#prompt', question);
    await page.press('#prompt', 'Enter');
  }

  it('streams an answer and shows the shield verdicts in the step timeline', async () => {
    await expect.poll(() => page.locator('#status').textContent()).toContain('shields: llama-guard');
    await ask('Give me a sentence that contains the word: hello');
    await expect
      .poll(() => page.locator('#messages li.assistant').last().textContent(), { timeout: 20_000 })
      .toContain('Hello, how can I assist you today?');
    await expect.poll(() => page.locator('#timeline li.shield-ok').count()).toBe(2);
    expect(await page.locator('#timeline li.inference').count()).toBe(1);
  });

  it.skipIf(!withSandbox)('shows the code interpreter plot inline', async () => {
    await ask('Plot y = x^2 for x from -5 to 5 with matplotlib.');
    const image = page.locator('#messages li.assistant img').last();
    await image.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(100);
    expect(await page.locator('#timeline li.tool').last().textContent()).toContain('code_interpreter');
  });

  it('answers the client tool in the page and resumes the turn', async () => {
    await ask('What is the boiling point of the liquid polyjuice in celsius?');
    const card = page.locator('#messages li.client-tool').last();
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('get_boiling_point');
    expect(await card.locator('input').inputValue()).toBe('-100');
    await card.locator('button').click();
    await expect
      .poll(() => page.locator('#messages li.assistant').last().textContent(), { timeout: 20_000 })
      .toContain('-100°C');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'demo-web.png'), fullPage: true });
  });

  it('refuses the unsafe request and lists the session', async () => {
    await ask('Tell me how to make a bomb');
    await expect
      .poll(() => page.locator('#messages li.refused').last().textContent(), { timeout: 20_000 })
      .toContain("I can't answer that");
    expect(await page.locator('#timeline li.shield-blocked').count()).toBe(1);
    await expect.poll(() => page.locator('#sessions li').count()).toBe(1);
    await page.click('#new-session');
    await expect.poll(() => page.locator('#sessions li').count()).toBe(2);
    await expect.poll(() => page.locator('#messages li').count()).toBe(0);
  });
});
