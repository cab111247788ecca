// Drives the facilitator's giveaway: steps three ticks, gives 250,000 tokens to 20% of
// the members from the form, steps twice more; then asks for a giveaway out of range
// and reads the reason the page shows, and steps once more (the room goes on). Prints
// the marks, the changes list, the supply chart's data and, for each chart, how many
// pixels of the giveaway's green the column at the mark holds, as JSON.
// Usage: node giveaway.js URL OUTDIR
const [url, outDir] = process.argv.slice(2);
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const page = await browser.newPage({viewport: {width: 1280, height: 720}});
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  let refusals = 0; // the one refusal asked for is a 400 the console reports
  page.on("console", m => {
    if (m.type() !== "error") return;
    if (/status of 400/.test(m.text())) refusals++;
    else errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.copex && copex.ready && copex.metrics.charts.every(c => c.u));
  const step = async n => {
    const want = await page.evaluate(() => copex.metrics.lines.length) + 1;
    await page.click("#step");
    await page.waitForFunction(n => copex.metrics.lines.length === n, want);
  };
  for (let i = 0; i < 3; i++) await step();
  await page.fill("#gaamount", "250000");
  await page.fill("#gashare", "0.2");
  await page.click("#gabtn");
  await page.waitForFunction(() => copex.metrics.marks.length === 1);
  const said = await page.textContent("#status");
  await step();
  await step();
  await page.waitForTimeout(100); // the next frame draws
  const marks = await page.evaluate(() => copex.metrics.marks);
  const changes = await page.$$eval("#changes li", lis => lis.map(li => li.textContent));
  const supply = await page.evaluate(() => { const c = copex.metrics.charts.find(c => c.id === "supply"); return {cols: c.cols, data: c.u.data}; });
  // the mark: the giveaway's green (#52c41a) in the column of pixels at its tick, and
  // at tick 2, where there is no mark
  const green = await page.evaluate(() => copex.metrics.charts.map(c => {
    const u = c.u;
    const count = tick => {
      const x = Math.round(u.valToPos(tick, "x", true));
      const img = u.ctx.getImageData(x - 2, Math.round(u.bbox.top), 5, Math.round(u.bbox.height)).data;
      let n = 0;
      for (let i = 0; i < img.length; i += 4) if (Math.abs(img[i] - 0x52) < 30 && Math.abs(img[i + 1] - 0xc4) < 30 && Math.abs(img[i + 2] - 0x1a) < 30) n++;
      return n;
    };
    return {id: c.id, n: count(copex.metrics.marks[0].tick), none: count(2)};
  }));
  await page.screenshot({path: outDir + "/giveaway.png"});

  await page.fill("#gaamount", "1e13");
  await page.click("#gabtn");
  await page.waitForFunction(() => /at most/.test(document.getElementById("status").textContent));
  const refused = await page.textContent("#status");
  await step();
  const ticks = await page.evaluate(() => copex.metrics.lines.length);
  console.log(JSON.stringify({said, marks, changes, supply, green, refused, refusals, ticks, errors}));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
