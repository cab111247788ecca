// launch() starts Debian's Chromium headless through playwright-core, with the flags
// this machine's closed network needs (TOOLCHAIN.md). Options are merged in.
const pw = require(process.env.COPEX_PLAYWRIGHT);
exports.launch = (opts = {}) => pw.chromium.launch(Object.assign({
  executablePath: process.env.COPEX_CHROMIUM_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
}, opts));
