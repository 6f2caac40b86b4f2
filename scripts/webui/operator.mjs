// The Temporal Web UI as an operator uses it on a running optimization cycle, in Debian's headless
// Chromium through playwright-core (no browser download): find the cycle by its search attributes,
// open it, see its stage and pending approval, open the approval, send the `decide` signal through
// the UI's Send a Signal form, and see the cycle complete. Any missing step fails the run (exit 1)
// with the step named; a screenshot of every step goes to SCREENSHOTS.
//
// Environment: TEMPORAL_UI (http://127.0.0.1:8233), FLOTILLA_SCOPE (the cycle's scope key),
// FLOTILLA_APPROVER (who decides), CHROMIUM (/usr/bin/chromium), SCREENSHOTS (docs/img),
// STEP_TIMEOUT_MS (60000).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ui = process.env.TEMPORAL_UI ?? 'http://127.0.0.1:8233';
const scope = process.env.FLOTILLA_SCOPE;
const approver = process.env.FLOTILLA_APPROVER;
const shots = process.env.SCREENSHOTS ?? 'docs/img';
const timeout = Number(process.env.STEP_TIMEOUT_MS ?? 60000);
if (!scope || !approver) {
  console.error('webui: FLOTILLA_SCOPE and FLOTILLA_APPROVER must be set');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
page.setDefaultTimeout(timeout);
let current = 'starting';

async function step(name, work) {
  current = name;
  const started = Date.now();
  await work();
  console.log(`webui: ok  ${name} (${Date.now() - started} ms)`);
}

async function shot(file, fullPage = false) {
  await page.screenshot({ path: join(shots, file), fullPage });
}

/** Reloads until the page's text matches: the UI shows a workflow's state as of its last load. */
async function reloadUntil(pattern) {
  const deadline = Date.now() + timeout;
  for (;;) {
    // The workflow's header is rendered once its description has loaded.
    await page.getByText('Workflow Type').first().waitFor();
    await page.waitForTimeout(500);
    if (pattern.test(await page.locator('main').innerText())) return;
    if (Date.now() > deadline) throw new Error(`${pattern} did not appear within ${timeout} ms`);
    await page.waitForTimeout(1000);
    await page.reload();
  }
}

try {
  const query = `FlotillaKind = "optimization-cycle" AND FlotillaScope = "${scope}" AND ExecutionStatus = "Running"`;
  let cycleUrl;
  await step('find the running cycle by FlotillaKind and FlotillaScope', async () => {
    await page.goto(`${ui}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
    const link = page.locator('a[href*="/workflows/optimization-cycle"]').first();
    await link.waitFor();
    await shot('webui-1-cycles-by-search-attributes.png');
    cycleUrl = new URL(await link.getAttribute('href'), ui).toString();
    await link.click();
  });

  await step('see the cycle running, waiting in its approval stage', async () => {
    await page.getByText(`optimization-cycle/${scope}`).first().waitFor();
    await page.getByText('Running').first().waitFor();
    await page.locator('a[href$="/search-attributes"]').first().click();
    await page.getByText('FlotillaStage').first().waitFor();
    await page.getByText('Approval Request Creation').first().waitFor();
    await shot('webui-2-cycle-stage.png');
  });

  let approvalHref;
  await step('see the stages in the history and the pending approval', async () => {
    await page.locator('a[href$="/history"]').first().click();
    // Activity summaries name the stages on the timeline.
    for (const stage of ['Metric Retrieval', 'Dependency Detection', 'Batching', 'Batch 0:']) {
      await page.getByText(stage, { exact: false }).first().waitFor();
    }
    await shot('webui-3-cycle-stages.png', true);
    await page.locator('a[href$="/relationships"]').first().click();
    const approval = page.locator('a[href*="/workflows/approval"]').first();
    await approval.waitFor();
    await shot('webui-4-pending-approval.png');
    approvalHref = await approval.getAttribute('href');
  });

  await step('open the approval and send `decide` through Send a Signal', async () => {
    await page.goto(new URL(approvalHref, ui).toString());
    await page.getByText('Running').first().waitFor();
    await page.getByRole('button', { name: 'More Actions' }).click();
    await page.getByRole('menuitem', { name: 'Send a Signal' }).first().click();
    const dialog = page.locator('dialog[open]').filter({ hasText: 'Send a Signal' });
    // A worker that reports its workflow's signals (the Java SDK does) turns the name into a list.
    const select = dialog.locator('[data-testid="signal-select-button"]');
    const typed = dialog.locator('input#signal-name');
    await select.or(typed).first().waitFor();
    if (await select.count()) {
      await select.click();
      await dialog.getByRole('option', { name: 'decide', exact: true }).click();
    } else {
      await typed.fill('decide');
    }
    const editor = dialog.locator('.cm-content').first();
    await editor.click();
    await page.keyboard.insertText(
      JSON.stringify({ decision: 'APPROVE', approver, comment: 'approved in the Web UI' }),
    );
    await shot('webui-5-send-signal-decide.png');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  await step('see the approval approved', async () => {
    // The status badge, then the result the workflow returned: approved by the signal's sender.
    await reloadUntil(/^\s*Completed\s*$/m);
    await reloadUntil(new RegExp(`"state":\\s*"APPROVED",\\s*"decidedBy":\\s*"${approver}"`));
    await shot('webui-6-approval-approved.png');
  });

  await step('see the cycle complete', async () => {
    await page.goto(cycleUrl);
    await reloadUntil(/^\s*Completed\s*$/m);
    await reloadUntil(/"approved":\s*1\b/);
    await shot('webui-7-cycle-completed.png');
  });
  console.log('webui: every step passed');
} catch (e) {
  console.error(`webui: FAILED at '${current}': ${e.message.split('\n')[0]}`);
  await page.screenshot({ path: join(shots, 'webui-failed.png') }).catch(() => {});
  const open = await page.$$eval('dialog[open]', (ds) => ds.map((d) => d.outerHTML)).catch(() => []);
  if (open.length) console.error(`webui: open dialog: ${open[0].replace(/class="[^"]*"/g, '').slice(0, 3000)}`);
  await browser.close();
  process.exit(1);
}
await browser.close();
