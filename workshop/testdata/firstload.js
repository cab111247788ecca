// Opens the facilitator's page TIMES times, each in a new browser context (no cache,
// no storage: a first load), and prints how long each took from the request to every
// chart drawn with the run so far, in milliseconds, as JSON.
// Usage: node firstload.js URL TIMES
const [url, times] = process.argv.slice(2);
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const ms = [];
  let lines = 0;
  for (let i = 0; i < Number(times); i++) {
    const ctx = await browser.newContext({viewport: {width: 1280, height: 720}});
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => window.copex && copex.ready && copex.metrics.charts.length > 0 && copex.metrics.charts.every(c => c.u));
    ms.push(Date.now() - t0);
    lines = await page.evaluate(() => copex.metrics.lines.length);
    await ctx.close();
  }
  console.log(JSON.stringify({ms, lines}));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
