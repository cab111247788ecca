// A participant joins from a phone-sized page, sets a price and a grant use, and the
// facilitator's table shows them; reloading their link keeps their co-op. Prints what it saw as JSON.
// Usage: node participant.js JOINURL FACILITATORURL
const [joinUrl, facUrl] = process.argv.slice(2);
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const errors = [];
  const phone = await browser.newPage({viewport: {width: 390, height: 800}});
  phone.on("pageerror", e => errors.push(String(e)));
  await phone.goto(joinUrl);
  await phone.fill("#name", "Ann");
  await phone.click("#joinbtn");
  await phone.waitForURL(/\/p\/[0-9a-f]{32}$/);
  await phone.waitForFunction(() => window.copex && copex.me() && copex.me().coop >= 0);
  const coop = await phone.evaluate(() => copex.me().coop);
  await phone.fill("#price", "2.5");
  await phone.click("#priceform button");
  await phone.waitForFunction(() => document.getElementById("status").textContent === "price sent");
  const uses = await phone.$$eval("#use option", os => os.map(o => o.value + "=" + o.textContent));
  await phone.selectOption("#use", "capacity");
  await phone.click("#useform button");
  await phone.waitForFunction(() => document.getElementById("status").textContent === "grant_use sent");

  const fac = await browser.newPage({viewport: {width: 1280, height: 720}});
  fac.on("pageerror", e => errors.push(String(e)));
  await fac.goto(facUrl);
  await fac.waitForFunction(() => window.copex && copex.ready);
  await fac.waitForFunction(() => { const c = document.querySelector("#p1 td:nth-child(4)"); return c && c.textContent === "2.5"; }, null, {timeout: 10000});
  await fac.waitForFunction(() => { const c = document.querySelector("#p1 td:nth-child(7)"); return c && c.textContent === "capacity"; }, null, {timeout: 10000});
  const row = await fac.$$eval("#p1 td", tds => tds.map(td => td.textContent));

  // the facilitator steps; the participant's page shows the tick
  await fac.click("#step");
  await phone.waitForFunction(() => copex.me().state.tick >= 1);
  await phone.reload();
  await phone.waitForFunction(() => window.copex && copex.me());
  const coopAfter = await phone.evaluate(() => copex.me().coop);
  const view = await phone.evaluate(() => copex.me());
  const useShown = await phone.$eval("#use", s => s.value);

  // a purchase from a simulated co-op of a sector chosen in the form, then one from a
  // participant not in the room (refused, with the reason on the page); the
  // facilitator's table shows what she bought
  const sellers = await phone.$$eval("#seller option", os => os.map(o => o.value + "=" + o.textContent));
  await phone.selectOption("#seller", "2");
  await phone.fill("#buyvalue", "50");
  await phone.click("#buyform button");
  await phone.waitForFunction(() => { const t = copex.me().trade; return t && t.asked === 50; }, null, {timeout: 10000});
  const bought = await phone.evaluate(() => copex.me().trade);
  const boughtShown = await phone.$eval("#trade", p => p.textContent);
  await fac.waitForFunction(() => { const c = document.querySelector("#p1 td:nth-child(10)"); return c && c.textContent === "50"; }, null, {timeout: 10000});
  const boughtRow = await fac.$$eval("#p1 td", tds => tds.map(td => td.textContent));
  await phone.fill("#sellerno", "9");
  await phone.fill("#buyvalue", "20");
  await phone.click("#buyform button");
  await phone.waitForFunction(() => { const t = copex.me().trade; return t && t.asked === 20; }, null, {timeout: 10000});
  const refused = await phone.evaluate(() => copex.me().trade);
  const refusedShown = await phone.$eval("#trade", p => p.textContent);
  const shots = process.argv[4];
  await phone.screenshot({path: shots + "/participant.png"});

  // the join dialog's QR code, then the round's end and the debrief on the phone
  await fac.click("#join");
  await fac.waitForFunction(() => { const i = document.getElementById("qr"); return i.complete && i.naturalWidth > 0; });
  await fac.screenshot({path: shots + "/join.png"});
  await fac.click("#closejoin");
  fac.on("dialog", d => d.accept());
  await fac.click("#end");
  await phone.waitForSelector("#debrief:not([hidden])");
  await phone.click("#debrieflink");
  await phone.waitForFunction(() => document.querySelectorAll("#coops tbody tr").length === 1 && document.querySelectorAll("#economy tbody tr").length > 0);
  const debrief = await phone.$$eval("#coops tbody tr td", tds => tds.map(td => td.textContent));
  await phone.setViewportSize({width: 1280, height: 720});
  await phone.screenshot({path: shots + "/debrief.png", fullPage: true});
  console.log(JSON.stringify({coop, coopAfter, row, uses, useShown, view, debrief, sellers, bought, boughtShown, boughtRow, refused, refusedShown, errors}));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
