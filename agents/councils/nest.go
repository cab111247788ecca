package councils

import "fmt"

// The levels of councils above the individual, consumers' then workers'.
const (
	levelHousehold = iota
	levelNeighbourhood
	levelCity
	levelRegion
	levelWorkplace
	levelIndustry
	levelWorkRegion
	numLevels
)

var levelNames = [numLevels]string{"household", "neighbourhood", "city", "region", "workplace", "industry", "work_region"}

// lowest reports whether a level's members vote in person in every mode (households
// and workplaces are assemblies of individuals).
func lowest(l int) bool { return l == levelHousehold || l == levelWorkplace }

// nest is the councils of one year, rebuilt at each year's start from the members,
// co-ops and localities. Members are listed in two orders, consumers' (cOrder: by
// region, city, locality, then number) and workers' (wOrder: employed members by
// region, sector, co-op, number), so that every council of every level is a
// contiguous range of its side's order: council k of level l holds the members
// order[start[l][k]:start[l][k+1]], and its parent (the council of the level above
// holding it) is parent[l][k]. Every active member is in exactly one council of each
// consumers' level, every employed member of each workers' level (checkNest).
type nest struct {
	cOrder, wOrder []int32
	start          [numLevels][]int32
	parent         [numLevels][]int32 // index in the level above; -1 at a top level
	coop           []int32            // workplace k's co-op
	coopNode       []int32            // co-op c's workplace, -1 if it has none this year
	sector         []int32            // industry k's sector
	delegate       [numLevels][]int32 // each council's elected delegate (a member), -1 if empty
	child          [numLevels][]int32 // council k's members' councils are child[l][k]:child[l][k+1] of level l-1

	// scratch
	byLoc  [][]int32
	byCoop [][]int32
}

// geography maps localities to cities and cities to regions.
type geography struct {
	city     []int32 // locality -> city
	region   []int32 // city -> region
	cities   int
	regions  int
	locOrder []int32 // localities by (region, city, locality)
}

// newGeography checks the scenario's cities and regions against the economy's
// localities: every locality in exactly one city, every city in exactly one region.
func newGeography(n Nesting, localities int) (geography, error) {
	g := geography{city: make([]int32, localities)}
	if len(n.Cities) == 0 {
		g.cities = localities
		for l := range g.city {
			g.city[l] = int32(l)
		}
	} else {
		g.cities = len(n.Cities)
		for l := range g.city {
			g.city[l] = -1
		}
		for c, ls := range n.Cities {
			for k, l := range ls {
				if l >= localities {
					return g, fmt.Errorf("nesting.cities[%d][%d]: locality %d, but the economy has %d", c, k, l, localities)
				}
				g.city[l] = int32(c)
			}
		}
		for l, c := range g.city {
			if c < 0 {
				return g, fmt.Errorf("nesting.cities: locality %d is in no city, so its members would be in no council at that level", l)
			}
		}
	}
	g.region = make([]int32, g.cities)
	if len(n.Regions) == 0 {
		g.regions = 1
	} else {
		g.regions = len(n.Regions)
		for c := range g.region {
			g.region[c] = -1
		}
		for r, cs := range n.Regions {
			for k, c := range cs {
				if c >= g.cities {
					return g, fmt.Errorf("nesting.regions[%d][%d]: city %d, but there are %d cities", r, k, c, g.cities)
				}
				g.region[c] = int32(r)
			}
		}
		for c, r := range g.region {
			if r < 0 {
				return g, fmt.Errorf("nesting.regions: city %d is in no region, so its members would be in no council at that level", c)
			}
		}
	}
	for r := range g.regions {
		for c := range g.cities {
			if int(g.region[c]) != r {
				continue
			}
			for l := range localities {
				if int(g.city[l]) == c {
					g.locOrder = append(g.locOrder, int32(l))
				}
			}
		}
	}
	return g, nil
}

// people is what the nest is built from (the host, or a test's economy).
type people interface {
	Members() int
	MemberActive(i int) bool
	MemberEmployer(i int) int
	MemberLocality(i int) int
	Coops() int
	CoopAlive(c int) bool
	CoopSectorIndex(c int) int
	CoopLocality(c int) int
}

// build rebuilds the nest; it reuses the nest's slices, so that a year whose
// councils have the same sizes as the last allocates nothing.
func (n *nest) build(h people, g *geography, household, neighbourhood, sectors int) {
	for l := range n.start {
		n.start[l] = append(n.start[l][:0], 0)
		n.parent[l] = n.parent[l][:0]
	}
	// Consumers: active members by locality, localities in geographic order.
	locs := len(g.city)
	n.byLoc = grow2(n.byLoc, locs)
	for i := range h.Members() {
		if h.MemberActive(i) {
			l := h.MemberLocality(i)
			n.byLoc[l] = append(n.byLoc[l], int32(i))
		}
	}
	n.cOrder = n.cOrder[:0]
	city, region := int32(-1), int32(-1)
	for _, l := range g.locOrder {
		ms := n.byLoc[l]
		if c := g.city[l]; c != city {
			if city >= 0 {
				n.close(levelCity, region)
			}
			if r := g.region[c]; r != region {
				if region >= 0 {
					n.close(levelRegion, -1)
				}
				region = r
			}
			city = c
		}
		in := 0 // households in the neighbourhood being formed
		for hh := 0; hh < len(ms); hh += household {
			n.cOrder = append(n.cOrder, ms[hh:min(hh+household, len(ms))]...)
			n.closeAt(levelHousehold, int32(len(n.cOrder)), int32(len(n.start[levelNeighbourhood])-1))
			if in++; in == neighbourhood || hh+household >= len(ms) {
				n.close(levelNeighbourhood, int32(len(n.start[levelCity])-1))
				in = 0
			}
		}
	}
	if city >= 0 {
		n.close(levelCity, region)
		n.close(levelRegion, -1)
	}
	// Workers: employed members of trading co-ops, by co-op; co-ops by region, sector
	// and number. Every (region, sector) has an industry council, with members or not.
	cs := h.Coops()
	n.byCoop = grow2(n.byCoop, cs)
	for i := range h.Members() {
		if !h.MemberActive(i) {
			continue
		}
		if c := h.MemberEmployer(i); c >= 0 && h.CoopAlive(c) {
			n.byCoop[c] = append(n.byCoop[c], int32(i))
		}
	}
	n.wOrder, n.coop, n.sector = n.wOrder[:0], n.coop[:0], n.sector[:0]
	n.coopNode = resize(n.coopNode, cs)
	for c := range n.coopNode {
		n.coopNode[c] = -1
	}
	for r := range g.regions {
		for s := range sectors {
			for c := range cs {
				if !h.CoopAlive(c) || h.CoopSectorIndex(c) != s || int(g.region[g.city[h.CoopLocality(c)]]) != r {
					continue
				}
				n.coopNode[c] = int32(len(n.coop))
				n.coop = append(n.coop, int32(c))
				n.wOrder = append(n.wOrder, n.byCoop[c]...)
				n.closeAt(levelWorkplace, int32(len(n.wOrder)), int32(len(n.sector)))
			}
			n.sector = append(n.sector, int32(s))
			n.close(levelIndustry, int32(r))
		}
		n.close(levelWorkRegion, -1)
	}
}

// close ends the current council of level l at the end of its side's order.
func (n *nest) close(l int, parent int32) {
	end := int32(len(n.cOrder))
	if l >= levelWorkplace {
		end = int32(len(n.wOrder))
	}
	n.closeAt(l, end, parent)
}

func (n *nest) closeAt(l int, end, parent int32) {
	n.start[l] = append(n.start[l], end)
	n.parent[l] = append(n.parent[l], parent)
}

// councils returns the number of councils of level l.
func (n *nest) councils(l int) int { return max(0, len(n.start[l])-1) }

// members returns the members of council k of level l.
func (n *nest) members(l, k int) []int32 {
	o := n.cOrder
	if l >= levelWorkplace {
		o = n.wOrder
	}
	return o[n.start[l][k]:n.start[l][k+1]]
}

// checkNest checks that every active member is in exactly one council of each
// consumers' level, and every member employed by a trading co-op in exactly one of
// each workers' level, and that each council's range lies inside its parent's.
func checkNest(n *nest, h people) error {
	for l := range numLevels {
		count := make([]int, h.Members())
		for k := range n.councils(l) {
			for _, i := range n.members(l, k) {
				count[i]++
			}
			if l != levelRegion && l != levelWorkRegion {
				p := n.parent[l][k]
				if n.start[l][k] < n.start[l+1][p] || n.start[l][k+1] > n.start[l+1][p+1] {
					return fmt.Errorf("%s council %d is not inside its %s council %d", levelNames[l], k, levelNames[l+1], p)
				}
			}
		}
		for i, c := range count {
			want := 0
			if h.MemberActive(i) {
				if l < levelWorkplace {
					want = 1
				} else if e := h.MemberEmployer(i); e >= 0 && h.CoopAlive(e) {
					want = 1
				}
			}
			if c != want {
				return fmt.Errorf("member %d is in %d %s councils, want %d", i, c, levelNames[l], want)
			}
		}
	}
	return nil
}

// grow2 returns s with n empty lists, keeping the lists' capacity.
func grow2(s [][]int32, n int) [][]int32 {
	for len(s) < n {
		s = append(s, nil)
	}
	s = s[:n]
	for k := range s {
		s[k] = s[k][:0]
	}
	return s
}

// resize returns s with length n, reusing its array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}
