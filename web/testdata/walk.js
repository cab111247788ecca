// Drives GetGo in headless Chromium for walk_test.go: loads the page (twice, timing
// the second, warm load), then asks the test's server what to do, does it with real
// mouse clicks and key presses on the canvas, and reports what the screen shows.
// Fails (exit 1) on a console error, an uncaught page error or GetGo's error page.
//
// Usage: node walk.js URL FIGURES_FILE [WIDTHxHEIGHT]
//
// The window is WIDTHxHEIGHT (default 1280x720, GetGo's own size); GetGo scales its
// screen to fit, and a click at a point of GetGo's screen goes to where that point is
// drawn. A smaller window is cheaper to draw in software (the cost of a frame in
// headless Chromium without a GPU grows with the window's area).
const [url, figures, size = '1280x720'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const screenW = 1280, screenH = 720; // render/screens.ScreenWidth, ScreenHeight

// onPage returns where GetGo's screen point (x, y) is in the window: the screen is
// scaled to fit and centred, as Ebiten draws it.
function onPage(x, y) {
  const s = Math.min(width / screenW, height / screenH);
  return [(width - screenW * s) / 2 + (x + 0.5) * s, (height - screenH * s) / 2 + (y + 0.5) * s];
}

// ticks waits until GetGo has run n ticks (screens.Frames.After through the page's
// getgoAfter), so that the input given before is seen; with draw, also until it has
// drawn a frame after them, and returns what the screen shows then (null while GetGo
// loads) or the text of GetGo's error page. Frames come at no fixed pace in a browser
// without a GPU, so counting the game's own ticks is what makes a press certain to be
// seen once. One trip to the page, which waits for its main thread each time.
const ticks = (page, n, draw) => page.evaluate(async ([n, draw]) => {
  const brokenText = () => {
    const s = document.getElementById('status');
    return s && s.className === 'error' && s.style.display !== 'none' ? s.innerText : '';
  };
  if (typeof getgoAfter !== 'function') {
    return { broken: brokenText(), json: 'null' };
  }
  let timer;
  const late = new Promise((done) => { timer = setTimeout(() => done(null), 30000); });
  const json = await Promise.race([getgoAfter(n, draw), late]);
  clearTimeout(timer);
  if (json === null) {
    return { broken: brokenText() || `GetGo ran no ${n} ticks in 30 s`, json: 'null' };
  }
  return { broken: brokenText(), json };
}, [n, draw]);

// widgets is what GetGo says is on the screen once it has run n ticks and drawn a frame
// after them, or null while it loads.
async function widgets(page, n = 0) {
  const { broken, json } = await ticks(page, n, true);
  if (broken) {
    throw new Error('GetGo shows its error page: ' + broken);
  }
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
  // WebGL on the display's GL where there is one (llvmpipe under Xvfb), else SwiftShader.
  const { browser, renderer } = await require(process.env.COPEX_PW_LAUNCH).launchWebGL();
  await fetch(url + 'drive/log?msg=' + encodeURIComponent('WebGL renderer: ' + (renderer || 'none')));
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
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
      let settled = 0; // ticks to wait before reading the screen
      switch (cmd.op) {
        case 'widgets':
          break;
        case 'click':
          await page.mouse.move(...onPage(cmd.x, cmd.y));
          await page.mouse.down();
          await ticks(page, 1, false);
          await page.mouse.up();
          settled = 2; // the release, then the tick on which the button's handler runs
          break;
        case 'key':
        case 'keys': {
          // A press is seen by GetGo on its next tick, and the release on a later one:
          // a tick after each, so that a run of presses is seen as so many presses.
          const keys = cmd.key.split('+').map((k) => keyName[k] || k);
          for (let i = 0; i < (cmd.n || 1); i++) {
            if (i > 0) await ticks(page, 1, false);
            for (const k of keys) await page.keyboard.down(k);
            await ticks(page, 1, false);
            for (const k of [...keys].reverse()) await page.keyboard.up(k);
          }
          settled = 2;
          break;
        }
        case 'type':
          await page.keyboard.type(cmd.text);
          settled = 2;
          break;
        default:
          throw new Error('unknown command ' + JSON.stringify(cmd));
      }
      if (cmd.op !== 'widgets') {
        // Two frames after an input, as the desktop walk steps twice after a list's Up
        // or Down: what a change rebuilds in the frame that shows it (the answers of a
        // question chosen) is laid out in the next. With frames slower than GetGo's
        // ticks, a frame came late enough for both; with faster ones it did not.
        await ticks(page, settled, true);
        settled = 1;
      }
      await post({ widgets: await widgets(page, settled) });
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
