// Drives GetGo in headless Chromium for walk_test.go: loads the page (twice, timing
// the second, warm load), then asks the test's server what to do, does it with real
// mouse clicks and key presses on the canvas, and reports what the screen shows.
// Fails (exit 1) on a console error, an uncaught page error or GetGo's error page.
//
// Usage: node walk.js URL FIGURES_FILE
const [url, figures] = process.argv.slice(2);

// frames waits for n animation frames, so the game has run its ticks.
const frames = (page, n) => page.evaluate((n) => new Promise((done) => {
  const step = () => (n-- <= 0 ? done() : requestAnimationFrame(step));
  step();
}), n);

// widgets is what GetGo says is on the screen, or null while it loads.
async function widgets(page) {
  const broken = await page.evaluate(() => {
    const s = document.getElementById('status');
    return s && s.className === 'error' && s.style.display !== 'none' ? s.innerText : '';
  });
  if (broken) {
    throw new Error('GetGo shows its error page: ' + broken);
  }
  const json = await page.evaluate(() => (typeof getgoWidgets === 'function' ? getgoWidgets() : 'null'));
  return JSON.parse(json);
}

// load opens the page and waits for the title screen; it returns the milliseconds.
async function load(page) {
  const start = Date.now();
  await page.goto(url + '?walk');
  for (;;) {
    const ws = await widgets(page);
    if (ws && ws.length > 0 && ws[0].name === 'GetGo') {
      return Date.now() - start;
    }
    if (Date.now() - start > 60000) {
      throw new Error('the title screen did not show in 60 s');
    }
    await page.waitForTimeout(20);
  }
}

const keyName = { Up: 'ArrowUp', Down: 'ArrowDown' };

(async () => {
  const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('filechooser', (fc) => fc.setFiles(figures));

  const cold = await load(page);
  const warm = await load(page);
  console.log(`load-ms cold ${cold} warm ${warm}`);
  await fetch(url + 'drive/log?msg=' + encodeURIComponent(`load-ms cold ${cold} warm ${warm}`));

  const post = (body) => fetch(url + 'drive/result', { method: 'POST', body: JSON.stringify(body) });
  for (;;) {
    if (problems.length > 0) {
      await post({ error: problems.join('\n') });
      break;
    }
    const cmd = await (await fetch(url + 'drive/next')).json();
    if (cmd.op === 'done') {
      break;
    }
    try {
      switch (cmd.op) {
        case 'widgets':
          break;
        case 'click':
          await page.mouse.move(cmd.x, cmd.y);
          await page.mouse.down();
          await frames(page, 1);
          await page.mouse.up();
          await frames(page, 2);
          break;
        case 'key': {
          const keys = cmd.key.split('+').map((k) => keyName[k] || k);
          for (const k of keys) await page.keyboard.down(k);
          await frames(page, 1);
          for (const k of keys.reverse()) await page.keyboard.up(k);
          await frames(page, 2);
          break;
        }
        case 'type':
          await page.keyboard.type(cmd.text);
          await frames(page, 2);
          break;
        default:
          throw new Error('unknown command ' + JSON.stringify(cmd));
      }
      await post({ widgets: await widgets(page) });
    } catch (e) {
      await post({ error: String(e && e.stack || e) });
    }
  }
  await browser.close();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
})().catch((e) => { console.error(e); process.exit(1); });
