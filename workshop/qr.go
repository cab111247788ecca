package workshop

import (
	"fmt"
	"image"
	"image/color"
	"strings"
)

// A QR code of the room's join address, for the projector and the terminal: byte
// mode, error correction level M, versions 1 to 10 (up to 213 bytes; a join address is
// about 50). The construction follows ISO/IEC 18004 as laid out in Project Nayuki's
// "QR Code generator library" (nayuki.io/page/qr-code-generator-library): finder,
// timing and alignment patterns, Reed-Solomon over GF(256) with x^8+x^4+x^3+x^2+1,
// interleaved blocks, the zigzag placement, the eight masks scored by the four
// penalty rules, and BCH-coded format and version bits. The test decodes what it draws
// with zbarimg, an independent reader.

// QR is a QR code's modules: Size×Size, true for dark.
type QR struct {
	Size    int
	Version int
	mods    []bool
	fn      []bool // function modules (not data)
}

// Dark reports whether the module at column x, row y is dark.
func (q *QR) Dark(x, y int) bool { return q.mods[y*q.Size+x] }

// qrBlocks is level M's block layout by version: EC codewords a block, then the
// number of blocks and data codewords of the short blocks and of the long ones
// (ISO/IEC 18004 table 9).
var qrBlocks = [11]struct{ ec, n1, d1, n2, d2 int }{
	{},
	{10, 1, 16, 0, 0}, {16, 1, 28, 0, 0}, {26, 1, 44, 0, 0}, {18, 2, 32, 0, 0}, {24, 2, 43, 0, 0},
	{16, 4, 27, 0, 0}, {18, 4, 31, 0, 0}, {22, 2, 38, 2, 39}, {22, 3, 36, 2, 37}, {26, 4, 43, 1, 44},
}

// qrAlign is the alignment patterns' centre coordinates by version.
var qrAlign = [11][]int{nil, nil, {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34}, {6, 22, 38}, {6, 24, 42}, {6, 26, 46}, {6, 28, 50}}

// NewQR encodes text.
func NewQR(text string) (*QR, error) {
	data := []byte(text)
	ver := 0
	for v := 1; v <= 10; v++ {
		b := qrBlocks[v]
		capacity := b.n1*b.d1 + b.n2*b.d2
		countBits := 8
		if v >= 10 {
			countBits = 16
		}
		if 4+countBits+8*len(data) <= 8*capacity {
			ver = v
			break
		}
	}
	if ver == 0 {
		return nil, fmt.Errorf("qr: %d bytes is too long for a version 10 code", len(data))
	}
	b := qrBlocks[ver]
	capacity := b.n1*b.d1 + b.n2*b.d2

	// the bit stream: mode, count, bytes, terminator, padding
	var bits []bool
	put := func(v, n int) {
		for i := n - 1; i >= 0; i-- {
			bits = append(bits, v>>i&1 == 1)
		}
	}
	put(0b0100, 4)
	if ver >= 10 {
		put(len(data), 16)
	} else {
		put(len(data), 8)
	}
	for _, c := range data {
		put(int(c), 8)
	}
	put(0, min(4, 8*capacity-len(bits)))
	put(0, (8-len(bits)%8)%8)
	for pad := 0xEC; len(bits) < 8*capacity; pad ^= 0xEC ^ 0x11 {
		put(pad, 8)
	}
	words := make([]byte, capacity)
	for i, on := range bits {
		if on {
			words[i/8] |= 0x80 >> (i % 8)
		}
	}

	// split into blocks, add each block's error correction, interleave
	div := rsDivisor(b.ec)
	var blocks, ecs [][]byte
	off := 0
	for i := range b.n1 + b.n2 {
		n := b.d1
		if i >= b.n1 {
			n = b.d2
		}
		blk := words[off : off+n]
		off += n
		blocks = append(blocks, blk)
		ecs = append(ecs, rsRemainder(blk, div))
	}
	var stream []byte
	for i := range max(b.d1, b.d2) {
		for _, blk := range blocks {
			if i < len(blk) {
				stream = append(stream, blk[i])
			}
		}
	}
	for i := range b.ec {
		for _, e := range ecs {
			stream = append(stream, e[i])
		}
	}

	size := 17 + 4*ver
	q := &QR{Size: size, Version: ver, mods: make([]bool, size*size), fn: make([]bool, size*size)}
	q.drawFunctions()
	q.drawData(stream)
	best, bestScore := 0, -1
	for m := range 8 {
		q.mask(m)
		q.drawFormat(m)
		if s := q.penalty(); bestScore < 0 || s < bestScore {
			best, bestScore = m, s
		}
		q.mask(m) // undo: a mask is its own inverse
	}
	q.mask(best)
	q.drawFormat(best)
	return q, nil
}

func (q *QR) set(x, y int, dark bool) {
	q.mods[y*q.Size+x] = dark
	q.fn[y*q.Size+x] = true
}

func (q *QR) drawFunctions() {
	n := q.Size
	for i := range n {
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {n - 4, 3}, {3, n - 4}} {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x < 0 || y < 0 || x >= n || y >= n {
					continue
				}
				d := max(abs(dx), abs(dy))
				q.set(x, y, d != 2 && d != 4)
			}
		}
	}
	al := qrAlign[q.Version]
	for i, cx := range al {
		for j, cy := range al {
			last := len(al) - 1
			if i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0 {
				continue // a finder's corner
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					q.set(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	q.drawFormat(0) // reserves the format areas (and sets the dark module)
	if q.Version >= 7 {
		rem := q.Version
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		v := q.Version<<12 | rem
		for i := range 18 {
			on := v>>i&1 == 1
			a, b := n-11+i%3, i/3
			q.set(a, b, on)
			q.set(b, a, on)
		}
	}
}

// drawFormat draws the format bits (level M, mask m) in both places.
func (q *QR) drawFormat(m int) {
	data := 0b00<<3 | m // level M is 00
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 == 1 }
	n := q.Size
	for i := range 6 {
		q.set(8, i, bit(i))
	}
	q.set(8, 7, bit(6))
	q.set(8, 8, bit(7))
	q.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		q.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		q.set(n-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		q.set(8, n-15+i, bit(i))
	}
	q.set(8, n-8, true)
}

// drawData places the codewords in the zigzag, two columns at a time from the right.
func (q *QR) drawData(stream []byte) {
	n := q.Size
	i := 0
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range n {
			for j := range 2 {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = n - 1 - vert
				}
				if q.fn[y*n+x] || i >= len(stream)*8 {
					continue
				}
				q.mods[y*n+x] = stream[i>>3]>>(7-i&7)&1 == 1
				i++
			}
		}
	}
}

// mask flips the data modules mask m selects.
func (q *QR) mask(m int) {
	n := q.Size
	for y := range n {
		for x := range n {
			var flip bool
			switch m {
			case 0:
				flip = (x+y)%2 == 0
			case 1:
				flip = y%2 == 0
			case 2:
				flip = x%3 == 0
			case 3:
				flip = (x+y)%3 == 0
			case 4:
				flip = (x/3+y/2)%2 == 0
			case 5:
				flip = x*y%2+x*y%3 == 0
			case 6:
				flip = (x*y%2+x*y%3)%2 == 0
			case 7:
				flip = ((x+y)%2+x*y%3)%2 == 0
			}
			if flip && !q.fn[y*n+x] {
				q.mods[y*n+x] = !q.mods[y*n+x]
			}
		}
	}
}

// penalty scores the symbol by the four rules: runs of five or more, 2×2 blocks,
// finder-like patterns, and the balance of dark and light.
func (q *QR) penalty() int {
	n := q.Size
	score := 0
	line := make([]bool, n)
	finder := [][]bool{
		{true, false, true, true, true, false, true, false, false, false, false},
		{false, false, false, false, true, false, true, true, true, false, true},
	}
	for pass := range 2 {
		for a := range n {
			for b := range n {
				if pass == 0 {
					line[b] = q.Dark(b, a)
				} else {
					line[b] = q.Dark(a, b)
				}
			}
			run := 1
			for b := 1; b <= n; b++ {
				if b < n && line[b] == line[b-1] {
					run++
					continue
				}
				if run >= 5 {
					score += 3 + run - 5
				}
				run = 1
			}
			for b := 0; b+11 <= n; b++ {
				for _, f := range finder {
					match := true
					for k := range f {
						if line[b+k] != f[k] {
							match = false
							break
						}
					}
					if match {
						score += 40
					}
				}
			}
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			if q.Dark(x, y) {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := q.Dark(x, y)
				if q.Dark(x+1, y) == c && q.Dark(x, y+1) == c && q.Dark(x+1, y+1) == c {
					score += 3
				}
			}
		}
	}
	pct := dark * 100 / (n * n)
	score += 10 * (abs(pct-50) / 5)
	return score
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// rsDivisor returns the Reed-Solomon generator of degree d: the product of
// (x - α^i) for i < d, highest coefficient (1) left out.
func rsDivisor(d int) []byte {
	out := make([]byte, d)
	out[d-1] = 1
	root := byte(1)
	for range d {
		for j := range out {
			out[j] = gfMul(out[j], root)
			if j+1 < len(out) {
				out[j] ^= out[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return out
}

// rsRemainder returns data's error-correction codewords under div.
func rsRemainder(data, div []byte) []byte {
	out := make([]byte, len(div))
	for _, b := range data {
		f := b ^ out[0]
		copy(out, out[1:])
		out[len(out)-1] = 0
		for i, c := range div {
			out[i] ^= gfMul(c, f)
		}
	}
	return out
}

// gfMul multiplies in GF(2^8) modulo x^8+x^4+x^3+x^2+1 (0x11D).
func gfMul(x, y byte) byte {
	var z int
	for i := 7; i >= 0; i-- {
		z = z<<1 ^ (z>>7)*0x11D
		z ^= int(y>>i&1) * int(x)
	}
	return byte(z)
}

// Image draws the code with a quiet zone of four modules, scale pixels a module.
func (q *QR) Image(scale int) image.Image {
	n := (q.Size + 8) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := range q.Size {
		for x := range q.Size {
			if !q.Dark(x, y) {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+4)*scale+dx, (y+4)*scale+dy, color.Gray{})
				}
			}
		}
	}
	return img
}

// SVG draws the code as an SVG image, a unit a module, with a quiet zone.
func (q *QR) SVG() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges"><rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="`, q.Size+8, q.Size+8)
	for y := range q.Size {
		for x := range q.Size {
			if q.Dark(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+4, y+4)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}

// Terminal draws the code in text, two rows a line with half blocks, dark on a light
// terminal's background inverted so that it reads on dark and light terminals alike:
// each character is a pair of modules, full, upper half, lower half or space.
func (q *QR) Terminal() string {
	var b strings.Builder
	n := q.Size + 4 // a quiet zone of two modules is enough for a phone's camera on a screen
	dark := func(x, y int) bool {
		x, y = x-2, y-2
		return x >= 0 && y >= 0 && x < q.Size && y < q.Size && q.Dark(x, y)
	}
	for y := 0; y < n; y += 2 {
		for x := range n {
			// light modules print as blocks: the code shows light-on-dark where the
			// terminal is dark, which phones read as well
			top, bot := !dark(x, y), y+1 < n && !dark(x, y+1)
			switch {
			case top && bot:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bot:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
