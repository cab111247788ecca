// launch() starts Debian's Chromium headless through playwright-core, with the flags
// this machine's closed network needs (TOOLCHAIN.md). Options are merged in.
const pw = require(process.env.COPEX_PLAYWRIGHT);

const common = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
// No GPU: WebGL drawn by SwiftShader, Chromium's own software renderer.
const swiftShader = ['--disable-gpu', '--enable-unsafe-swiftshader'];
// WebGL through ANGLE's OpenGL back end on the X display's GL: under Xvfb, Mesa's
// llvmpipe.
const displayGL = ['--use-angle=gl', '--ignore-gpu-blocklist'];

const start = (args, opts) => pw.chromium.launch(Object.assign({
  executablePath: process.env.COPEX_CHROMIUM_PATH,
  headless: true,
  args: common.concat(args),
}, opts));

exports.launch = (opts = {}) => start(swiftShader, opts);

// webGLRenderer returns the renderer a page of browser draws WebGL with, or '' when
// it has no WebGL.
async function webGLRenderer(browser) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return '';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    });
  } finally {
    await page.close();
  }
}

// launchWebGL() is launch() for a page that draws with WebGL (GetGo). On an X display
// (the tests run under xvfb-run) WebGL goes through ANGLE to the display's OpenGL,
// Mesa's llvmpipe under Xvfb, which draws a GetGo frame in about half SwiftShader's
// time on two cores (a click's round trip 30 against 83 ms, two ticks and a frame 41
// against 90 ms, on an AMD EPYC of 2017). Without a display, or if WebGL does not come
// up that way, it is launch(). It returns the browser and the WebGL renderer it draws
// with, for the test's log.
exports.launchWebGL = async (opts = {}) => {
  if (process.env.DISPLAY) {
    // A display whose GL Chromium cannot start on, as one without WebGL, falls back.
    const browser = await start(displayGL, opts).catch(() => null);
    const renderer = browser ? await webGLRenderer(browser).catch(() => '') : '';
    if (renderer !== '' && !/swiftshader/i.test(renderer)) {
      return { browser, renderer };
    }
    if (browser) await browser.close();
  }
  const browser = await exports.launch(opts);
  return { browser, renderer: await webGLRenderer(browser).catch(() => '') };
};
