#!/usr/bin/env python3
"""Reference for copex clear: the least gross obligation left by multilateral set-off,
by networkx's network_simplex.

Usage: scripts/clear_networkx.py FILE.csv

FILE has the header debtor,creditor,amount (any order); amounts are all integers
(micro-tokens) or all decimals with a point (tokens, at most 6 places), as copex
clear reads them. The remaining obligations r form a flow along the obligations from
net debtors to net creditors with r_e <= a_e; the least sum(r) is a min-cost flow with
unit costs: node demand = its net position (owed to it minus what it owes), edge
capacity = amount, weight 1. Parallel obligations are kept (a MultiDiGraph).

Prints one JSON line: total_debt, cleared, remaining, net_internal_debt (micro-tokens),
participants, obligations, seconds (network_simplex alone) and read_seconds.
"""
import csv
import json
import sys
import time

import networkx as nx


def micro(s):
    """An amount in micro-tokens, exactly (integers are micro-tokens already)."""
    if "." not in s:
        return int(s)
    whole, frac = s.split(".")
    if len(frac) > 6:
        raise ValueError(f"{s!r}: more than 6 decimal places")
    return int(whole) * 1_000_000 + int(frac.ljust(6, "0"))


def main(path):
    t0 = time.perf_counter()
    g = nx.MultiDiGraph()
    net = {}
    total = 0
    m = 0
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            d, c, a = row["debtor"], row["creditor"], micro(row["amount"])
            if d == c:
                continue
            g.add_edge(d, c, capacity=a, weight=1)
            net[c] = net.get(c, 0) + a
            net[d] = net.get(d, 0) - a
            total += a
            m += 1
    for v, p in net.items():
        g.nodes[v]["demand"] = p
    t1 = time.perf_counter()
    cost, _ = nx.network_simplex(g)
    t2 = time.perf_counter()
    print(json.dumps({
        "total_debt": total,
        "cleared": total - cost,
        "remaining": cost,
        "net_internal_debt": sum(p for p in net.values() if p > 0),
        "participants": len(net),
        "obligations": m,
        "seconds": t2 - t1,
        "read_seconds": t1 - t0,
    }))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
