// The facilitator's page: the run's charts, its controls and the participants' co-ops,
// kept up to date from the room's event stream.
"use strict";
const base = location.pathname.replace(/\/+$/, "").replace(/^\/f\//, "");
const key = base.split("/")[0];
const api = "/api/f/" + key;
const metrics = new Metrics(document.getElementById("charts"));
const people = new Map();
let sectors = [];
let state = {};
const $ = id => document.getElementById(id);

// window.copex is for tests and the curious: the run as the page holds it.
window.copex = {metrics, people, state: () => state, csv: () => metrics.csv(), events: 0};

function say(msg) { $("status").textContent = msg; }

async function act(body) {
  const r = await fetch(api + "/do", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  if (!r.ok) say((await r.text()).trim());
  return r.ok;
}

$("play").onclick = () => act({kind: "play"});
$("pause").onclick = () => act({kind: "pause"});
$("step").onclick = () => act({kind: "step"});
$("reset").onclick = () => { if (confirm("Start the run again from tick 0?")) act({kind: "reset"}); };
$("freeze").onclick = () => act({kind: "pause", value: 1});
$("end").onclick = () => { if (confirm("End the round for everyone?")) act({kind: "end"}); };
$("formula").onchange = async e => {
  const f = e.target.value;
  if (!confirm(`Start the run again from tick 0 with the ${f} grant formula?`) || !(await act({kind: "reset", name: "issuance.formula=" + f}))) {
    e.target.value = e.target.dataset.current;
  }
};
$("giveaway").onsubmit = async e => {
  e.preventDefault();
  const value = Number($("gaamount").value), share = Number($("gashare").value);
  if (await act({kind: "giveaway", value, share})) say(`${fmt(value)} tokens to be given to ${fmt(share * 100)}% of the members before the next tick`);
};
$("speed").onchange = e => act({kind: "speed", value: Number(e.target.value)});
$("csv").onclick = () => {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([metrics.csv()], {type: "text/csv"}));
  a.download = "metrics.csv";
  document.body.append(a);
  a.click();
  a.remove();
};
$("join").onclick = () => {
  $("qr").src = api + "/qr.svg";
  $("joinbox").showModal();
};
$("closejoin").onclick = () => $("joinbox").close();
function setZoom(z) {
  z = Math.min(3, Math.max(0.5, z));
  document.documentElement.style.setProperty("--zoom", String(z));
  localStorage.setItem("copex-zoom", String(z));
  relayout();
}
$("zoomin").onclick = () => setZoom(zoomOf() * 1.15);
$("zoomout").onclick = () => setZoom(zoomOf() / 1.15);
$("projector").onclick = () => {
  document.body.classList.toggle("projector");
  localStorage.setItem("copex-projector", document.body.classList.contains("projector") ? "1" : "");
  relayout();
};
function relayout() {
  metrics.big = document.body.classList.contains("projector");
  requestAnimationFrame(() => {
    metrics.draw();
    if (coopPlot) { coopPlot.destroy(); coopPlot = null; drawCoops(); }
  });
}
if (localStorage.getItem("copex-projector") === "1" || new URLSearchParams(location.search).has("projector")) document.body.classList.add("projector");
if (localStorage.getItem("copex-zoom")) document.documentElement.style.setProperty("--zoom", localStorage.getItem("copex-zoom"));
window.addEventListener("resize", () => metrics.resize());

function showParams(params) {
  const box = $("params");
  box.replaceChildren();
  for (const p of params) {
    const row = document.createElement("div");
    row.className = "param";
    const label = document.createElement("label");
    label.title = p.doc;
    const name = document.createElement("span");
    name.textContent = p.name.replace(/^(issuance|exchange|member|foundation)\./, "");
    const out = document.createElement("output");
    out.textContent = fmt(p.value);
    const hi = p.max > 10 * Math.max(1, p.value) ? Math.max(1, p.value * 4) : p.max;
    const input = document.createElement("input");
    Object.assign(input, {type: "range", min: p.min, max: hi, step: (hi - p.min) / 100, value: p.value});
    input.dataset.name = p.name;
    input.oninput = () => { out.textContent = fmt(Number(input.value)); };
    input.onchange = () => act({kind: "set", name: p.name, value: Number(input.value)});
    label.append(name, out);
    row.append(label, input);
    box.append(row);
  }
}
function refreshParams(params) {
  for (const p of params) {
    const input = document.querySelector(`input[data-name="${p.name}"]`);
    if (input && document.activeElement !== input) {
      input.value = p.value;
      input.previousSibling.querySelector("output").textContent = fmt(p.value);
    }
  }
}
// showChanges lists the mid-run changes, as the charts mark them.
function showChanges() {
  $("changes").replaceChildren(...metrics.marks.map(m => {
    const li = document.createElement("li");
    if (m.name === "giveaway") {
      li.className = "giveaway";
      li.textContent = `tick ${m.tick}: giveaway of ${compact(m.value)} tokens to ${fmt(m.share * 100)}% of the members`;
    } else {
      li.textContent = `tick ${m.tick}: ${m.name.replace(/^(issuance|exchange|member|foundation)\./, "")} → ${fmt(m.value)}`;
    }
    return li;
  }));
}
// what the table says of a participant's grant use ("": the scenario's mix)
const USES = {scenario: "as scenario", members: "members", capacity: "capacity", supplies: "supplies", innovation: "innovation"};
function fmt(v) { return Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString(); }

function showState(s) {
  state = s;
  $("tick").textContent = `tick ${s.tick}/${s.ticks}` + (s.ended ? " · ended" : s.done ? " · done" : s.frozen ? " · everyone paused" : s.playing ? " · playing" : " · paused");
  $("play").disabled = s.playing || s.done;
  $("pause").disabled = !s.playing && !s.frozen;
  const sp = $("speed"), v = String(s.speed < 0 ? 0 : s.speed);
  if (![...sp.options].some(o => o.value === v)) {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = v + "/s";
    sp.append(o);
  }
  if (document.activeElement !== sp) sp.value = v;
  if (s.failed) say("the run stopped: " + s.failed);
  if (s.ended && !$("debrieflink")) {
    const a = document.createElement("a");
    a.id = "debrieflink";
    a.href = "/f/" + key + "/debrief";
    a.textContent = "Debrief";
    $("bar").append(a);
  }
}

function showPeople(rows) {
  for (const r of rows) people.set(r.id, r);
  const body = $("people").tBodies[0];
  for (const r of rows) {
    let tr = document.getElementById("p" + r.id);
    if (!tr) {
      tr = document.createElement("tr");
      tr.id = "p" + r.id;
      for (let i = 0; i < 12; i++) tr.append(document.createElement("td"));
      body.append(tr);
    }
    const v = r.View;
    const cells = [r.id, r.name, sectors[r.sector] || r.sector, fmt(r.price || v.price), r.wage ? fmt(r.wage) : "", r.target ? fmt(r.target) : "", USES[r.use] || "",
      v.workers, fmt(v.sold), r.bought ? fmt(r.bought) : "", fmt(v.treasury), r.err ? "refused: " + r.err : !v.alive && r.coop >= 0 ? "closed" : r.away ? "away (default rule)" : r.online ? "" : "offline"];
    cells.forEach((c, i) => { tr.cells[i].textContent = String(c); });
    tr.dataset.seq = r.seq;
    tr.dataset.price = r.price;
  }
  $("npeople").textContent = people.size ? `(${people.size})` : "";
}

// the participants' co-ops on a chart of their own: treasury by tick, a line each
const coopHist = {ticks: [], series: []};
let coopPlot = null;
function coopTick(ev) {
  coopHist.ticks.push(ev.tick);
  ev.treasury.forEach((v, i) => {
    while (coopHist.series.length <= i) coopHist.series.push(coopHist.ticks.slice(0, -1).map(() => null));
    coopHist.series[i].push(v);
  });
  for (const s of coopHist.series) if (s.length < coopHist.ticks.length) s.push(null);
  drawCoops();
}
function drawCoops() {
  const box = $("coopchart");
  const n = coopHist.series.length;
  if (n === 0) return;
  const data = [coopHist.ticks].concat(coopHist.series);
  if (!coopPlot || coopPlot.series.length !== n + 1) {
    if (coopPlot) coopPlot.destroy();
    const r = box.getBoundingClientRect();
    const big = document.body.classList.contains("projector");
    const font = (big ? 16 : 11) * zoomOf() + "px sans-serif";
    coopPlot = new uPlot({width: Math.max(120, r.width - 4), height: Math.max(60, r.height - box.querySelector("h3").offsetHeight - 4),
      legend: {show: false}, cursor: {show: false}, select: {show: false},
      scales: {x: {time: false, range: (u, mn, mx) => mn === mx ? [mn - 1, mx + 1] : [mn, mx]}},
      axes: [{font, size: big ? 40 : 30}, {font, size: (big ? 62 : 48) * zoomOf(), values: (u, v) => v.map(compact)}],
      series: [{label: "tick"}].concat(coopHist.series.map((_, i) => ({label: "co-op " + (i + 1), stroke: COLOURS[i % COLOURS.length], width: big ? 2.5 : 1.5, spanGaps: false}))),
    }, data, box);
  } else {
    coopPlot.setData(data);
  }
}
copex.coops = coopHist;

function start() {
  const es = new EventSource(api + "/events");
  es.addEventListener("hello", e => hello(JSON.parse(e.data)));
  es.addEventListener("reset", e => hello(JSON.parse(e.data)));
  es.addEventListener("row", e => { metrics.add(JSON.parse(e.data).line); copex.events++; });
  es.addEventListener("mark", e => { metrics.mark(JSON.parse(e.data)); showChanges(); });
  es.addEventListener("refused", e => { const r = JSON.parse(e.data); say(`${r.kind} refused: ${r.err}`); });
  es.addEventListener("coops", e => coopTick(JSON.parse(e.data)));
  es.addEventListener("state", e => showState(JSON.parse(e.data)));
  es.addEventListener("params", e => refreshParams(JSON.parse(e.data)));
  es.addEventListener("people", e => showPeople(JSON.parse(e.data)));
  es.onerror = () => say("reconnecting…");
  es.onopen = () => say("");
}
function hello(h) {
  sectors = h.sectors;
  $("code").textContent = h.code;
  $("joinurl").textContent = h.join.startsWith("/") ? location.origin + h.join : h.join;
  $("title").textContent = "Copex workshop: " + h.scenario;
  people.clear();
  $("people").tBodies[0].replaceChildren();
  coopHist.ticks = []; coopHist.series = [];
  if (coopPlot) { coopPlot.destroy(); coopPlot = null; }
  for (const ev of h.coops) coopTick(ev);
  metrics.big = document.body.classList.contains("projector");
  metrics.load(h.csv, h.marks);
  showChanges();
  showParams(h.params);
  const sel = $("formula");
  sel.replaceChildren(...h.formulas.filter(f => f !== "expression" || h.formula === "expression").map(f => {
    const o = document.createElement("option");
    o.value = o.textContent = f;
    return o;
  }));
  sel.value = sel.dataset.current = h.formula;
  showState(h.state);
  showPeople(h.people);
  copex.ready = true;
}
// charts redraw at most once a frame, however fast ticks arrive
function frame() { metrics.update(); requestAnimationFrame(frame); }
requestAnimationFrame(frame);
start();
