// Opens the facilitator's page in projector mode at 1280x720 once the run has
// stepped, takes a screenshot, and prints whether the page fits without scrolling.
// Usage: node projector.js URL PNG
const [url, png] = process.argv.slice(2);
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const page = await browser.newPage({viewport: {width: 1280, height: 720}});
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  await page.goto(url + "?projector");
  await page.waitForFunction(() => window.copex && copex.ready && copex.coops.ticks.length > 0);
  await page.waitForTimeout(300);
  await page.screenshot({path: png});
  const fit = await page.evaluate(() => ({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth,
    ih: innerHeight, iw: innerWidth, rows: document.querySelectorAll("#people tbody tr").length,
    projector: document.body.classList.contains("projector")}));
  console.log(JSON.stringify(Object.assign(fit, {errors})));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
