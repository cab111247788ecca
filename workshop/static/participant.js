// A participant's page: their co-op after each tick, and the actions they may take on
// it. Each action is numbered (seq) so the facilitator's table can show it arrived.
"use strict";
const token = location.pathname.split("/")[2];
const api = "/api/p/" + token;
const $ = id => document.getElementById(id);
let seq = Number(sessionStorage.getItem("copex-seq") || 0);
let me = null;
window.copex = {me: () => me};

function say(m) { $("status").textContent = m; }
function fmt(v) { return Math.abs(v) >= 100 ? v.toFixed(0) : Number(Number(v).toPrecision(3)).toString(); }

async function act(kind, value, n, use, more) {
  seq++;
  sessionStorage.setItem("copex-seq", String(seq));
  const body = Object.assign({kind, seq}, more || {});
  if (value !== undefined) body.value = value;
  if (n !== undefined) body.n = n;
  if (use !== undefined) body.use = use;
  const r = await fetch(api + "/act", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  say(r.ok ? kind + " sent" : (await r.text()).trim());
}
function form(id, input, kind) {
  $(id).onsubmit = e => { e.preventDefault(); act(kind, Number($(input).value)); };
}
form("priceform", "price", "price");
form("wageform", "wage", "wage");
form("targetform", "target", "target");
$("useform").onsubmit = e => { e.preventDefault(); act("grant_use", undefined, undefined, $("use").value); };
$("hire").onclick = () => act("hire", undefined, 1);
$("release").onclick = () => act("release", undefined, 1);
// a purchase: from another participant's co-op when a number is given, else from a
// simulated co-op of the sector chosen (the server picks the cheapest)
$("buyform").onsubmit = e => {
  e.preventDefault();
  const no = Number($("sellerno").value);
  act("buy", Number($("buyvalue").value), undefined, undefined, no > 0 ? {seller: no} : {seller: 0, sector: Number($("seller").value)});
};

function show(p) {
  me = p;
  $("who").textContent = `${p.name}: your ${p.sector} co-op`;
  const s = p.state, v = p.view, m = p.market;
  $("state").textContent = s.ended ? "The round has ended." : s.frozen ? "Paused by the facilitator." :
    p.coop < 0 ? (p.err ? "Your co-op could not be founded: " + p.err : "Founding your co-op…") :
    `Tick ${s.tick} of ${s.ticks}` + (s.playing ? "" : " (paused)") + (v.alive ? "" : " · your co-op has closed");
  const facts = [["workers", v.workers], ["can make a month", fmt(v.capacity)], ["units a worker", fmt(v.productivity)], ["your price", fmt(v.price)], ["pay a month", fmt(v.wage)],
    ["going price", fmt(m.price) + " ± " + fmt(m.spread / 2)], ["competitors", m.competitors],
    ["offered", fmt(v.offered)], ["sold", fmt(v.sold)], ["ordered", fmt(v.demand)],
    ["treasury", fmt(v.treasury)], ["of which grants", fmt(v.grants)], ["inputs a unit", fmt(m.input_cost)],
    ["start-up funding", fmt(p.funded)], ["bought from others", fmt(p.bought)]];
  const body = $("facts").tBodies[0];
  body.replaceChildren(...facts.map(([k, val]) => {
    const tr = document.createElement("tr");
    const a = document.createElement("th"), b = document.createElement("td");
    a.textContent = k; b.textContent = String(val);
    tr.append(a, b);
    return tr;
  }));
  const sel = $("use");
  if (p.uses) {
    sel.replaceChildren(...p.uses.map(u => {
      const o = document.createElement("option");
      o.value = u.name;
      o.textContent = u.label;
      return o;
    }));
  }
  if (document.activeElement !== sel) sel.value = p.use || "scenario";
  if (p.sectors) {
    $("seller").replaceChildren(...p.sectors.map((name, i) => {
      const o = document.createElement("option");
      o.value = String(i);
      o.textContent = `a simulated ${name} co-op`;
      return o;
    }));
  }
  const t = p.trade;
  $("trade").textContent = !t ? "" : t.err ? `Purchase from ${t.seller} refused: ${t.err}` : `Bought ${fmt(t.bought)} tokens' worth from ${t.seller}`;
  for (const f of ["price", "wage", "target"]) {
    if (document.activeElement !== $(f) && !$(f).value) $(f).value = p[f] || v[f] || "";
  }
  const off = s.ended || s.frozen || p.coop < 0;
  document.querySelectorAll("form.act button, div.act button, form.act select").forEach(b => { b.disabled = off; });
  if (s.ended) { $("debrief").hidden = false; $("debrieflink").href = "/p/" + token + "/debrief"; }
}
const es = new EventSource(api + "/events");
es.addEventListener("coop", e => show(JSON.parse(e.data)));
es.addEventListener("state", e => { if (me) { me.state = JSON.parse(e.data); show(me); } });
es.onerror = () => say("reconnecting…");
es.onopen = () => say("");
