package web_test

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/copex/copex/web"
)

// Serve a folder holding a WebAssembly module; a real one comes from web.Build.
func ExampleHandler() {
	dir, err := os.MkdirTemp("", "getgo-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, web.WasmFile), []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(web.Handler(dir))
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/getgo.wasm")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	// Output: 200 OK application/wasm no-cache
}
