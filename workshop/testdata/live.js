// Plays the facilitator's page as fast as the engine steps for SECONDS and prints the
// ticks the page received and the chart redraws it made meanwhile, and the seconds
// its renderer's main thread was busy (Chrome's Performance.getMetrics TaskDuration).
// Usage: node live.js URL SECONDS
const [url, secs] = process.argv.slice(2);
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const page = await browser.newPage({viewport: {width: 1280, height: 720}});
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const busy = async () => (await cdp.send("Performance.getMetrics")).metrics.find(m => m.name === "TaskDuration").value;
  await page.goto(url);
  await page.waitForFunction(() => window.copex && copex.ready);
  await page.click("#play");
  await page.waitForFunction(() => copex.metrics.lines.length >= 1);
  const b0 = await busy();
  const t0 = await page.evaluate(() => [performance.now(), copex.metrics.lines.length, copex.metrics.draws || 0]);
  await page.waitForTimeout(Number(secs) * 1000);
  const t1 = await page.evaluate(() => [performance.now(), copex.metrics.lines.length, copex.metrics.draws || 0,
    Math.min(...copex.metrics.charts.map(c => c.u.data[0].length))]);
  const b1 = await busy();
  console.log(JSON.stringify({seconds: (t1[0] - t0[0]) / 1000, ticks: t1[1] - t0[1], draws: t1[2] - t0[2], drawn: t1[3], lines: t1[1], busy: b1 - b0}));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
