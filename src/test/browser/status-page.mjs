// Drives Debian's chromium over the status page (StatusPageBrowserTest runs it).
// Usage: node status-page.mjs <base-url> <token> <site-url-expected> <screenshot-dir>
// Prints one JSON object with what it saw; exits non-zero when a step failed or timed out.
import { chromium } from "playwright-core";

const [base, token, failingUrl, shots] = process.argv.slice(2);
const STEP_MS = 20000;
const seen = {};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  timeout: STEP_MS,
});
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));

  // Without the token: only the login form, and no data in the page.
  await page.goto(base + "/all-sites-cron/");
  await page.waitForSelector("#login:not([hidden])");
  seen.closedLoginVisible = await page.isVisible("#token");
  seen.closedDashboardVisible = await page.isVisible("#dashboard");
  seen.closedShowsSite = (await page.content()).includes(failingUrl);
  seen.tokenLabel = await page.textContent("label[for=token]");

  // A wrong token is refused and shows no data.
  await page.fill("#token", "not-the-token");
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("login-error").textContent.length > 0);
  seen.wrongTokenMessage = await page.textContent("#login-error");
  seen.wrongTokenDashboardVisible = await page.isVisible("#dashboard");

  // With the token: the running run's progress, and the failing site with its reason.
  await page.fill("#token", token);
  await page.click("button[type=submit]");
  await page.waitForSelector("#dashboard:not([hidden])");
  await page.waitForFunction(() => {
    const busy = document.getElementById("run-busy");
    const progress = document.getElementById("run-progress");
    return busy && !busy.hidden && progress.value > 0;
  });
  seen.progressText = await page.textContent("#run-text");
  seen.progressValue = await page.$eval("#run-progress", (p) => p.value);
  seen.progressMax = await page.$eval("#run-progress", (p) => p.max);
  await page.waitForFunction((url) => {
    return [...document.querySelectorAll("#attention tbody tr")]
      .some((tr) => tr.textContent.includes(url));
  }, failingUrl);
  seen.failingRow = await page.$$eval("#attention tbody tr", (rows, url) =>
    rows.filter((tr) => tr.textContent.includes(url))
      .map((tr) => [...tr.cells].map((c) => c.textContent)), failingUrl);
  seen.runsListed = await page.$$eval("#runs tbody tr", (rows) => rows.length);
  seen.authHeaderSent = requests.some((u) => u.includes("/all-sites-cron/v1/status"));
  seen.tokenInUrl = requests.some((u) => u.includes(token));
  await page.screenshot({ path: shots + "/status-page.png", fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shots + "/status-page-phone.png", fullPage: true });
  seen.phoneHorizontalOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth + 1);

  // Signing out forgets the token; a reload stays closed.
  await page.click("#sign-out");
  await page.waitForSelector("#login:not([hidden])");
  await page.reload();
  await page.waitForSelector("#login:not([hidden])");
  seen.afterSignOutDashboardVisible = await page.isVisible("#dashboard");
  seen.afterSignOutStored = await page.evaluate(() => sessionStorage.length);
  seen.ok = true;
} catch (e) {
  seen.ok = false;
  seen.error = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
process.exit(seen.ok ? 0 : 1);
