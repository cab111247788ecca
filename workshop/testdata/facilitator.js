// Drives the facilitator's page: loads it (timed), plays at least twelve ticks,
// pauses, moves the member.save slider and steps once, downloads the CSV, and takes
// 1280x720 screenshots (normal and projector). Prints what the page drew as JSON.
// Usage: node facilitator.js URL OUTDIR
const [url, outDir] = process.argv.slice(2);
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const ctx = await browser.newContext({viewport: {width: 1280, height: 720}, acceptDownloads: true});
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.copex && copex.ready && copex.metrics.charts.length > 0 && copex.metrics.charts.every(c => c.u));
  const loadMs = Date.now() - t0;

  await page.click("#play");
  await page.waitForFunction(() => copex.metrics.lines.length >= 12, null, {timeout: 20000});
  await page.click("#pause");
  await page.waitForFunction(() => !copex.state().playing);
  await page.waitForTimeout(300); // a tick that was stepping when the pause came
  const played = await page.evaluate(() => copex.metrics.lines.length);

  await page.$eval('input[data-name="member.save"]', el => { el.value = "0.4"; el.dispatchEvent(new Event("change")); });
  await page.waitForFunction(() => document.querySelector('input[data-name="member.save"]').closest(".param").querySelector("output").textContent === "0.4");
  await page.click("#step");
  await page.waitForFunction(n => copex.metrics.lines.length === n + 1 && copex.metrics.marks.length === 1, played);
  await page.waitForTimeout(100); // the next frame draws
  const charts = await page.evaluate(() => copex.metrics.charts.map(c => ({id: c.id, cols: c.cols, data: c.u.data})));
  const marks = await page.evaluate(() => copex.metrics.marks);

  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
  await dl.saveAs(outDir + "/download.csv");

  await page.screenshot({path: outDir + "/facilitator.png"});
  await page.click("#projector");
  await page.waitForTimeout(400);
  await page.screenshot({path: outDir + "/projector.png"});
  const fits = await page.evaluate(() => ({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth, ih: innerHeight, iw: innerWidth}));
  await page.click("#zoomin");
  await page.waitForTimeout(300);
  await page.screenshot({path: outDir + "/projector-zoom.png"});
  const fitsZoom = await page.evaluate(() => ({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth, ih: innerHeight, iw: innerWidth, zoom: getComputedStyle(document.documentElement).getPropertyValue("--zoom")}));
  console.log(JSON.stringify({loadMs, played, charts, marks, fits, fitsZoom, errors}));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
