package clearing

// components labels the strongly connected components of the graph of positive
// obligations into s.comp (Tarjan 1972, iteratively, with the solver's scratch). Flow
// around a cycle stays inside one component, so an obligation between two components
// can never be set off: the solver leaves it whole and keeps it out of the flow
// problem.
func (s *Solver) components(net *Network) {
	n := net.Participants
	// Out-adjacency of the obligation graph, forward-star.
	off := grow(s.sccOff, n+1)
	clear(off)
	for _, o := range net.Obligations {
		if o.Amount > 0 {
			off[o.Debtor+1]++
		}
	}
	for v := range n {
		off[v+1] += off[v]
	}
	adj := grow(s.sccAdj, int(off[n]))
	pos := grow(s.sccPos, n)
	copy(pos, off[:n])
	for _, o := range net.Obligations {
		if o.Amount > 0 {
			adj[pos[o.Debtor]] = o.Creditor
			pos[o.Debtor]++
		}
	}
	index := grow(s.sccIndex, n) // 0: unvisited; else visit order + 1
	low := grow(s.sccLow, n)
	comp := grow(s.comp, n)
	clear(index)
	stack := s.sccStack[:0] // Tarjan's stack of nodes
	call := s.sccCall[:0]   // the depth-first search's own stack
	// pos[v] is now the next arc of v to explore; reset it.
	copy(pos, off[:n])
	var next, ncomp int32
	for root := range int32(n) {
		if index[root] != 0 {
			continue
		}
		call = append(call, root)
		next++
		index[root], low[root] = next, next
		stack = append(stack, root)
		comp[root] = -1
		for len(call) > 0 {
			v := call[len(call)-1]
			if pos[v] < off[v+1] {
				w := adj[pos[v]]
				pos[v]++
				switch {
				case index[w] == 0:
					next++
					index[w], low[w] = next, next
					stack = append(stack, w)
					comp[w] = -1 // on the stack
					call = append(call, w)
				case comp[w] == -1:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				u := call[len(call)-1]
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
		}
	}
	s.sccOff, s.sccAdj, s.sccPos, s.sccIndex, s.sccLow, s.comp = off, adj, pos, index, low, comp
	s.sccStack, s.sccCall = stack[:0], call[:0]
}
