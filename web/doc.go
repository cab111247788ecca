// Package web builds GetGo for the browser and serves it.
//
// [Build] compiles cmd/getgo with GOOS=js GOARCH=wasm into a folder as getgo.wasm (with
// a gzipped copy, getgo.wasm.gz), next to Go's wasm_exec.js and an index.html that loads
// it. The page shows "Loading GetGo…" on a white background while the module downloads
// and compiles, then GetGo draws on a canvas that fills the window; if loading fails,
// or the game stops with an error, the page says so in red.
//
// [Handler] serves such a folder: .wasm files as application/wasm, the gzipped module
// to browsers that accept gzip, and every file with Cache-Control: no-cache, so a
// rebuilt module is fetched again instead of taken from the browser's cache. It answers
// GET and HEAD only (405 otherwise), never serves or lists a name starting with a dot,
// and follows a symbolic link only to a file inside the folder.
//
// `copex serve` builds and serves GetGo this way. The package's browser test runs the
// build in headless Chromium and checks from a screenshot that GetGo's title screen drew.
//
// The package uses only the standard library; it runs the go command found on PATH
// (or the one of the Go installation this program was built with) and must be used
// inside the copex source tree, since it builds GetGo from source.
package web
