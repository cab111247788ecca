// Serves nothing: loads a data: page with a button, clicks it, and prints what the
// page wrote, so the test checks the whole chain node → playwright-core → Chromium.
(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const page = await browser.newPage();
  await page.setContent('<button id="b" onclick="document.title=\'clicked \'+(1+1)">go</button>');
  await page.click('#b');
  console.log(await page.title());
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
