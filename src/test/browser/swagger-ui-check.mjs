// Swagger UI of a running Callmatch, in a real browser (Debian's chromium, driven by playwright-core):
// authorize as staff with HTTP Basic, run POST /api/v1/call-matches with "Try it out" -> "Execute", and see calls.
// Usage: node swagger-ui-check.mjs <base-url> <username> <password> <screenshot.png>
import { chromium } from 'playwright-core';

const [base, username, password, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: node swagger-ui-check.mjs <base-url> <username> <password> <screenshot.png>');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
try {
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}/q/swagger-ui/`);

  // Authorize: the basicAuth scheme of the API document
  await page.locator('button.authorize').first().click();
  const basic = page.locator('.modal-ux form', { has: page.locator('#auth-basic-username') });
  await basic.locator('#auth-basic-username').fill(username);
  await basic.locator('#auth-basic-password').fill(password);
  await basic.locator('button.authorize').click();
  await page.locator('.modal-ux').getByText('Authorized', { exact: true }).first().waitFor();
  await page.locator('.modal-ux .close-modal').click();

  // POST /api/v1/call-matches: open, try it out with the documented example, execute
  const operation = page.locator('#operations-Matching-matchCalls');
  await operation.locator('.opblock-summary').first().click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();

  const status = operation.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 180_000 });
  const code = (await status.innerText()).trim();
  const body = await operation.locator('.live-responses-table .response-col_description pre').first().innerText();
  const answer = JSON.parse(body);
  await operation.screenshot({ path: screenshot });
  if (code !== '200' || !Array.isArray(answer.items) || answer.items.length === 0) {
    throw new Error(`expected 200 with calls, got ${code}: ${body.slice(0, 300)}`);
  }
  console.log(`Swagger UI: authorized as ${username}, POST /api/v1/call-matches answered ${code} with `
    + `${answer.items.length} calls, the first ${answer.items[0].call?.identifier ?? answer.items[0].identifier}; `
    + `screenshot ${screenshot}`);
} catch (e) {
  failed = true;
  console.error(`Swagger UI check failed: ${e.message}`);
  await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
