// Prints the WebGL renderer launchWebGL chose, and whether a page of that browser
// draws with it: a canvas cleared to red reads back red.
(async () => {
  const { browser, renderer } = await require(process.env.COPEX_PW_LAUNCH).launchWebGL();
  const page = await browser.newPage();
  const red = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl.clearColor(1, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const px = new Uint8Array(4);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px.join(',');
  });
  console.log(renderer + '\n' + red);
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
