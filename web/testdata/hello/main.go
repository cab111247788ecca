// Command hello is a tiny program that web's tests build for js/wasm in place of GetGo.
package main

import "fmt"

func main() { fmt.Println("hello from wasm") }
