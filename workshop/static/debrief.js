// The debrief: what each participant's co-op did, and what the economy did.
"use strict";
const parts = location.pathname.split("/");
const api = (parts[1] === "f" ? "/api/f/" : "/api/p/") + parts[2] + "/debrief";
function fmt(v) { return Math.abs(v) >= 100 ? v.toFixed(0) : Number(Number(v).toPrecision(3)).toString(); }
function row(table, cells) {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = document.createElement("td"); td.textContent = String(c); tr.append(td); }
  document.getElementById(table).tBodies[0].append(tr);
}
fetch(api).then(r => r.json()).then(d => {
  new Metrics(document.getElementById("charts")).load(d.csv, d.marks);
  document.getElementById("scenario").textContent = d.scenario + `, ${d.ticks} ticks`;
  const lines = d.csv.trim().split("\n");
  const head = lines[0].split(","), first = lines.length > 1 ? lines[1].split(",") : [], last = lines[lines.length - 1].split(",");
  for (const c of ["members", "employed", "coops_alive", "coops_started", "coops_failed", "supply", "price_index", "gini", "unmet_wants_value"]) {
    const i = head.indexOf(c);
    if (i >= 0 && first.length) row("economy", [c, fmt(Number(first[i])), fmt(Number(last[i]))]);
  }
  for (const m of d.marks) {
    if (m.name === "giveaway") row("economy", [`before tick ${m.tick}: tokens given away to ${fmt(m.share * 100)}% of the members`, "", fmt(m.value)]);
    else row("economy", [`from tick ${m.tick}: ${m.name}`, "", fmt(m.value)]);
  }
  const series = [], xs = [];
  for (let t = 1; t <= d.ticks; t++) xs.push(t);
  for (const p of d.people) {
    const h = p.history, a = h[0] || {}, z = h[h.length - 1] || {};
    row("coops", [p.id, p.name, p.sector, a.price === undefined ? "" : fmt(a.price), z.price === undefined ? "" : fmt(z.price),
      z.workers ?? "", fmt(h.reduce((s, x) => s + x.sold, 0)), z.treasury === undefined ? "" : fmt(z.treasury), z.alive ? "yes" : "no", p.use || "as the scenario's",
      fmt(p.funded || 0), fmt((p.trades || []).reduce((s, x) => s + x.bought, 0))]);
    for (const x of p.trades || []) row("trades", [x.tick, p.name, x.seller, fmt(x.asked), fmt(x.bought), x.err || ""]);
    const byTick = new Map(h.map(x => [x.tick, x.treasury]));
    series.push(xs.map(t => byTick.has(t) ? byTick.get(t) : null));
  }
  if (d.people.length && xs.length) {
    const el = document.getElementById("treasury");
    new uPlot({title: "Participants' treasuries", width: Math.min(1200, el.clientWidth || 900), height: 320, scales: {x: {time: false}},
      axes: [{}, {size: 60, values: (u, v) => v.map(compact)}],
      series: [{label: "tick"}].concat(d.people.map((p, j) => ({label: p.name, stroke: `hsl(${(j * 137) % 360} 70% 35%)`}))),
    }, [xs].concat(series), el);
  }
});
