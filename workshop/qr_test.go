package workshop

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestQRDecodes draws codes of every version from 1 to 10 and reads them back with
// zbarimg (Debian's zbar-tools, an independent decoder): each must give its text.
// Skipped when zbarimg is missing, unless COPEX_REQUIRE_ZBAR=1.
func TestQRDecodes(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("COPEX_REQUIRE_ZBAR") == "1" {
			t.Fatal("zbarimg not found (apt-get install zbar-tools)")
		}
		t.Skip("zbarimg not found (apt-get install zbar-tools)")
	}
	dir := t.TempDir()
	seen := map[int]bool{}
	// lengths that land in every version (level M byte capacity 14, 26, 42, 62, 84,
	// 106, 122, 152, 180, 213)
	for _, n := range []int{5, 20, 40, 55, 80, 100, 120, 150, 175, 210} {
		text := "http://192.168.1.20:8090/join/" + strings.Repeat("ABCDEFGHJK234567", 20)[:max(0, n-30)]
		text = text[:min(len(text), n)]
		q, err := NewQR(text)
		if err != nil {
			t.Fatal(err)
		}
		seen[q.Version] = true
		path := filepath.Join(dir, "qr.png")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, q.Image(4)); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out, err := exec.Command(zbar, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", path).Output()
		if err != nil {
			t.Errorf("version %d (%d bytes): zbarimg read nothing: %v", q.Version, len(text), err)
			continue
		}
		if got := strings.TrimSuffix(string(out), "\n"); got != text {
			t.Errorf("version %d: zbarimg read %q, want %q", q.Version, got, text)
		}
	}
	for v := 1; v <= 10; v++ {
		if !seen[v] {
			t.Errorf("no code of version %d drawn", v)
		}
	}
	if _, err := NewQR(strings.Repeat("x", 214)); err == nil {
		t.Error("214 bytes encoded; level M version 10 holds 213")
	}
}
