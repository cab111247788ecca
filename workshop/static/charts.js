// Charts of a run's metrics, drawn with uPlot from the rows of metrics.csv as the
// server sends them (each a line of the file, parsed here with Number, which reads a
// decimal to the same double as Go's strconv.ParseFloat).
"use strict";
const CHARTS = [
  {id: "supply", title: "Supply and offered value", cols: ["supply", "offered_value"]},
  {id: "prices", title: "Price index", cols: ["price_index"]},
  {id: "unmet", title: "Unmet wants by sector", cols: h => h.filter(c => c.startsWith("unmet_") && c !== "unmet_wants_value")},
  {id: "coops", title: "Co-ops alive, started, failed", cols: ["coops_alive", "coops_started", "coops_failed"]},
  {id: "employment", title: "Employment", cols: ["members", "employed"]},
  {id: "foundation", title: "Foundation income and spending", cols: ["foundation_income", "foundation_spend"]},
  {id: "gini", title: "Gini of balances", cols: ["gini"]},
];
const COLOURS = ["#0050b3", "#c41d7f", "#237804", "#d46b08", "#531dab", "#006d75", "#a8071a", "#614700", "#262626"];

// Metrics holds the run: its header, its lines and the charts drawn from them.
class Metrics {
  constructor(root) {
    this.root = root;
    this.header = [];
    this.lines = [];
    this.marks = [];
    this.charts = [];
    this.big = false;
  }
  // load starts again from a whole metrics.csv.
  load(csv, marks) {
    const rows = csv.split("\n").filter(l => l !== "");
    this.header = rows.length ? rows[0].split(",") : [];
    this.lines = rows.slice(1);
    this.marks = marks || [];
    this.build();
  }
  build() {
    this.root.replaceChildren();
    this.charts = [];
    const tick = this.header.indexOf("tick");
    for (const def of CHARTS) {
      const cols = (typeof def.cols === "function" ? def.cols(this.header) : def.cols).filter(c => this.header.includes(c));
      if (cols.length === 0) continue;
      const box = document.createElement("div");
      box.className = "chart";
      box.id = "chart-" + def.id;
      const h = document.createElement("h3");
      h.textContent = def.title;
      const legend = document.createElement("div");
      legend.className = "legend";
      cols.forEach((c, j) => {
        const item = document.createElement("span");
        const sw = document.createElement("i");
        sw.style.background = COLOURS[j % COLOURS.length];
        item.append(sw, short(c));
        legend.append(item);
      });
      box.append(h, legend);
      this.root.append(box);
      const idx = cols.map(c => this.header.indexOf(c));
      const data = [[]].concat(cols.map(() => []));
      const ch = {id: def.id, cols, idx, tick, data, box, u: null};
      for (const l of this.lines) this.push(ch, l.split(","));
      this.charts.push(ch);
    }
    // monitors: the latest values of a few figures, large
    const mon = document.createElement("div");
    mon.className = "chart monitors";
    mon.id = "monitors";
    const h = document.createElement("h3");
    h.textContent = "Now";
    mon.append(h);
    this.monitors = [];
    for (const [c, label] of MONITORS) {
      const k = this.header.indexOf(c);
      if (k < 0) continue;
      const row = document.createElement("div");
      const name = document.createElement("span"), val = document.createElement("b");
      name.textContent = label;
      row.append(name, val);
      mon.append(row);
      this.monitors.push({k, val});
    }
    this.root.append(mon);
    this.showMonitors();
    this.draw();
  }
  showMonitors() {
    const last = this.lines.length ? this.lines[this.lines.length - 1].split(",") : null;
    for (const m of this.monitors) m.val.textContent = last ? compact(Number(last[m.k])) : "–";
  }
  push(ch, f) {
    ch.data[0].push(Number(f[ch.tick]));
    ch.idx.forEach((k, j) => ch.data[j + 1].push(Number(f[k])));
  }
  // add appends one tick's line.
  add(line) {
    this.lines.push(line);
    const f = line.split(",");
    for (const ch of this.charts) this.push(ch, f);
    this.dirty = true;
  }
  mark(m) {
    this.marks.push(m);
    this.dirty = true;
  }
  // draw (re)creates the uPlot charts at their boxes' sizes.
  draw() {
    const big = this.big;
    const marks = this;
    for (const ch of this.charts) {
      if (ch.u) ch.u.destroy();
      const size = this.size(ch);
      const font = (big ? 16 : 11) * zoomOf() + "px sans-serif";
      const values = (u, splits) => splits.map(compact);
      const opts = {
        width: size.w, height: size.h, legend: {show: false},
        cursor: {show: false}, select: {show: false},
        scales: {x: {time: false, range: (u, mn, mx) => mn === mx ? [mn - 1, mx + 1] : [mn, mx]}},
        axes: [{font, stroke: "#000", grid: {stroke: "#ccc"}, size: big ? 40 : 30},
               {font, stroke: "#000", grid: {stroke: "#ccc"}, size: (big ? 62 : 48) * zoomOf(), values}],
        series: [{label: "tick"}].concat(ch.cols.map((c, j) => ({label: c, stroke: COLOURS[j % COLOURS.length], width: big ? 3 : 1.5}))),
        hooks: {draw: [u => drawMarks(u, marks.marks, big)]},
      };
      ch.u = new uPlot(opts, ch.data, ch.box);
    }
    this.dirty = false;
  }
  size(ch) {
    const r = ch.box.getBoundingClientRect();
    const used = [...ch.box.children].filter(e => e.tagName !== "DIV" || e.classList.contains("legend")).reduce((s, e) => s + e.offsetHeight, 0);
    return {w: Math.max(120, Math.floor(r.width) - 4), h: Math.max(60, Math.floor(r.height - used) - 4)};
  }
  // update redraws the charts whose data grew.
  update() {
    if (!this.dirty) return;
    for (const ch of this.charts) ch.u.setData(ch.data);
    this.draws = (this.draws || 0) + 1;
    this.showMonitors();
    this.dirty = false;
  }
  resize() {
    for (const ch of this.charts) {
      const s = this.size(ch);
      ch.u.setSize({width: s.w, height: s.h});
    }
  }
  // csv returns what is plotted as metrics.csv: the header and every line received.
  csv() {
    return this.header.join(",") + "\n" + this.lines.map(l => l + "\n").join("");
  }
}

const MONITORS = [["members", "members"], ["employed", "employed"], ["coops_alive", "co-ops alive"],
  ["price_index", "price index"], ["supply", "supply"], ["gini", "Gini"]];

// short names a column for a legend.
function short(c) { return c.replace(/^(unmet|coops|foundation)_/, "").replace(/_/g, " "); }

// compact writes a number in at most about four characters (1.25M, 830k, 0.125).
function compact(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return +(v / 1e9).toPrecision(3) + "G";
  if (a >= 1e6) return +(v / 1e6).toPrecision(3) + "M";
  if (a >= 1e4) return +(v / 1e3).toPrecision(3) + "k";
  return String(+v.toPrecision(3));
}

// drawMarks draws a dashed line where a mid-run change took effect, and a light green
// dotted one (a colour no series has) where a giveaway was made, before the tick it
// marks.
function drawMarks(u, marks, big) {
  const ctx = u.ctx;
  ctx.save();
  ctx.lineWidth = big ? 3 : 2;
  for (const m of marks) {
    const x = u.valToPos(m.tick, "x", true);
    if (!(x >= u.bbox.left && x <= u.bbox.left + u.bbox.width)) continue;
    const gift = m.name === "giveaway";
    ctx.strokeStyle = gift ? "#52c41a" : "#d4380d";
    ctx.setLineDash(gift ? [2, 3] : [6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

function zoomOf() {
  const z = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--zoom"));
  return z > 0 ? z : 1;
}
