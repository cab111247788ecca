// Package playwright runs browser tests: Node.js scripts that drive Debian's headless
// Chromium through playwright-core, the driver without its own browser download (which
// this project's machines cannot fetch; TOOLCHAIN.md).
//
// Setup finds node, npm and Chromium and installs playwright-core at the pinned
// Version into the user's cache folder the first time (npm install into a temporary
// folder, renamed into place, so concurrent test binaries never see half an install).
// A test script reads two modules from its environment:
//
//	const pw = require(process.env.COPEX_PLAYWRIGHT);           // playwright-core
//	const browser = await require(process.env.COPEX_PW_LAUNCH).launch();
//
// launch starts Chromium headless with the flags this machine's closed network needs,
// WebGL drawn by SwiftShader. launchWebGL, for a page that draws with WebGL (GetGo's
// browser walk), draws it through the X display's OpenGL instead when there is one
// (Mesa's llvmpipe under xvfb-run, about twice as fast a frame) and falls back to
// launch; it returns {browser, renderer}.
// Run runs a script with node and fails the test, quoting the script's stderr, when it
// exits non-zero. When something is missing, Setup skips the test, or fails it when
// COPEX_REQUIRE_BROWSER=1 (as test.sh and .ci/run set when Chromium is installed).
package playwright
