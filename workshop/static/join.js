// The join page: a name, then the participant's own link (kept in this browser, so
// that coming back to the join page rejoins the same co-op).
"use strict";
const code = location.pathname.split("/")[2];
const saved = localStorage.getItem("copex-link-" + code);
if (saved) location.replace(saved);
document.getElementById("joinform").onsubmit = async e => {
  e.preventDefault();
  const name = document.getElementById("name").value;
  const r = await fetch("/api/join", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({code, name})});
  if (!r.ok) { document.getElementById("status").textContent = (await r.text()).trim(); return; }
  const j = await r.json();
  localStorage.setItem("copex-link-" + code, j.link);
  location.replace(j.link);
};
