"use strict";
// eventwire dashboard: plain JavaScript, every asset served by the app (works offline).
const QUAD = { 1: "#2b8a3e", 2: "#1971c2", 3: "#e67700", 4: "#c92a2a" };
const state = { offset: 0, limit: 25, filters: {} };
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
const proj = (lon, lat) => [(lon + 180) * 2, (90 - lat) * 2];

async function get(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

function params(extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) if (v !== "" && v != null) p.set(k, v);
  return p.toString();
}

async function drawMap(events) {
  const svg = $("#map");
  if (!svg.dataset.land) {
    const world = await get("/static/world.json");
    let paths = "";
    for (const rings of Object.values(world))
      for (const ring of rings) paths += "M" + ring.map(([x, y]) => proj(x, y).join(",")).join("L") + "Z";
    svg.innerHTML = `<path class="land" d="${paths}"></path><g id="points"></g>`;
    svg.dataset.land = "1";
  }
  const pts = events.map((e) => {
    const [x, y] = proj(e.lon, e.lat);
    const r = 3 + 2 * Math.sqrt(e.num_mentions || 1);
    const who = [e.source, e.target].filter(Boolean).map(esc).join(" → ");
    return `<circle class="ev" data-id="${e.event_id}" cx="${x}" cy="${y}" r="${r}" fill="${QUAD[e.quad_class]}"><title>${esc(e.date)} ${who}: ${esc(e.action)} — ${esc(e.place)}</title></circle>`;
  });
  $("#points").innerHTML = pts.join("");
  $("#points").querySelectorAll("circle").forEach((c) => c.addEventListener("click", () => showEvent(c.dataset.id)));
}

function drawBars(svg, rows, key, h, line) {
  if (!rows.length) { svg.innerHTML = `<text x="10" y="20">no dated events</text>`; return; }
  const w = 720, max = Math.max(...rows.map((r) => r[key])), bw = Math.min(40, Math.max(2, (w - 40) / rows.length - 2));
  let out = `<line class="axis" x1="30" y1="${h - 15}" x2="${w}" y2="${h - 15}"></line>`;
  rows.forEach((r, i) => {
    const bh = ((h - 30) * r[key]) / max, x = 32 + i * (bw + 2);
    out += `<rect class="bar" x="${x}" y="${h - 15 - bh}" width="${bw}" height="${bh}"><title>${esc(r.label)}: ${r[key]}</title></rect>`;
  });
  if (line) {
    const pts = rows.map((r, i) => `${32 + i * (bw + 2) + bw / 2},${(h - 15) / 2 - ((h - 30) / 2) * (r.goldstein_mean / 10)}`);
    out += `<polyline class="line" points="${pts.join(" ")}"><title>mean Goldstein</title></polyline>`;
    rows.forEach((r, i) => {  // a dot per period, so a single period still shows its Goldstein
      const [x, y] = pts[i].split(",");
      out += `<circle class="gs" cx="${x}" cy="${y}" r="3"><title>${esc(r.label)}: mean Goldstein ${r.goldstein_mean}</title></circle>`;
    });
  }
  out += `<text x="32" y="${h - 2}" font-size="10">${esc(rows[0].label)}</text><text x="${Math.min(w - 70, 32 + rows.length * (bw + 2))}" y="${h - 2}" font-size="10">${rows.length > 1 ? esc(rows[rows.length - 1].label) : ""}</text><text x="0" y="12" font-size="10">${max}</text>`;
  svg.innerHTML = out;
}

function actor(a) { return a ? `${esc(a.name)} <span class="code">${esc(a.code)}</span>` : '<span class="code">—</span>'; }

async function loadEvents() {
  const data = await get(`/api/events?${params({ limit: state.limit, offset: state.offset })}`);
  $("#count").textContent = `${data.offset + 1}–${data.offset + data.events.length} of ${data.total}`;
  $("#events tbody").innerHTML = data.events.map((e) => `<tr data-id="${e.event_id}">
    <td>${esc(e.date)}${e.historical ? " <span class='code'>historical</span>" : ""}</td><td>${actor(e.source)}</td>
    <td><span class="q${Number(e.cameo.quad_class)}">${esc(e.cameo.code)}</span> ${esc(e.cameo.name)}<br><span class="code">${esc(e.plover.type || "")}</span></td>
    <td>${actor(e.target)}</td><td>${esc(e.location ? [...new Set([e.location.city, e.location.admin1, e.location.country].filter(Boolean))].join(", ") : "")}</td>
    <td>${e.killed ?? "–"}/${e.injured ?? "–"}</td><td>${e.num_mentions}</td></tr>`).join("");
  document.querySelectorAll("#events tbody tr").forEach((tr) => tr.addEventListener("click", () => showEvent(tr.dataset.id)));
  drawMap(await get(`/api/points?${params({ limit: 1000, offset: 0 })}`));
}

function highlight(m) {
  const s = m.sentence, base = m.sentence_start ?? 0, marks = [];
  for (const k of ["source", "action", "target"]) {
    const sp = m.spans[k];
    if (sp) marks.push([sp[0] - base, sp[1] - base, k]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = "", pos = 0;
  for (const [a, b, k] of marks) {
    if (a < pos || a < 0 || b > s.length) continue;
    out += esc(s.slice(pos, a)) + `<mark class="${k}" title="${k}">${esc(s.slice(a, b))}</mark>`;
    pos = b;
  }
  return out + esc(s.slice(pos));
}

// why the reports of several articles are one event: each report, and what it was matched on
function joins(e) {
  const joined = (e.reports || []).filter((r) => r.joined);
  if (!joined.length) return "";
  return `<div class="joins"><b>Why one event</b> (${e.reports.length} reports)<ul>` +
    joined.map((r) => `<li>${esc(r.article_id)} (${esc(r.published || "undated")}) joined ${esc(r.joined.with)}: ${r.joined.why.map(esc).join("; ")}</li>`).join("") +
    "</ul></div>";
}

async function showEvent(id) {
  const e = await get(`/api/events/${encodeURIComponent(id)}`);
  $("#detail").hidden = false;
  $("#detail-body").innerHTML = `<p><b>${actor(e.source)} → ${actor(e.target)}</b>: ${esc(e.cameo.code)} ${esc(e.cameo.name)} · ${esc(e.plover.type || "")}
    · ${esc(e.date)} (${esc(e.date_precision)}) · Goldstein ${e.cameo.goldstein}</p>` +
    e.mentions.map((m) => `<div class="mention"><div>${highlight(m)}</div>
      <div class="rule">line ${m.line} · rule ${esc(m.rule)}${m.attribution ? " · according to " + esc(m.attribution) : ""}${m.filed_from ? " · filed from " + esc(m.filed_from.name) : ""}</div></div>`).join("") +
    joins(e);
  $("#detail").scrollIntoView({ behavior: "smooth" });
}

async function loadAlerts() {
  const alerts = await get("/api/alerts?limit=20");
  const box = $("#alerts");
  if (!alerts.length) { box.innerHTML = "<li>no alerts</li>"; return; }
  box.innerHTML = alerts.map((a) => `<li class="alert" data-key="${esc(a.key)}"><b>${esc(a.day)}</b> ${esc(a.title)}
    <ul>${a.evidence.map((e) => `<li><a href="#" class="alert-event" data-id="${esc(e.event_id)}">${esc(e.date)} ${esc(e.source_code || "—")} ${esc(e.cameo)} ${esc(e.target_code || "—")}: ${esc(e.action)}</a></li>`).join("")}</ul></li>`).join("");
  box.querySelectorAll("a.alert-event").forEach((el) => el.addEventListener("click", (ev) => { ev.preventDefault(); showEvent(el.dataset.id); }));
}

async function loadStats() {
  const s = await get("/api/stats");
  $("#stats").textContent = `${s.events} events from ${s.articles} articles · ${s.first_date ?? "?"} to ${s.last_date ?? "?"}`;
  const sel = $("#filters select[name=plover]");
  if (sel.options.length === 1) for (const t of s.by_type) if (t.type) sel.add(new Option(`${t.type} (${t.events})`, t.type));
  drawBars($("#timeline"), s.by_day.map((d) => ({ ...d, label: d.date })), "events", 120, false);
  if (s.top_dyads.length && !$("#dyad [name=a]").value) {
    $("#dyad [name=a]").value = s.top_dyads[0].a; $("#dyad [name=b]").value = s.top_dyads[0].b;
  }
  loadTrend();
}

async function loadTrend() {
  const f = new FormData($("#dyad"));
  if (!f.get("a") || !f.get("b")) return;
  const rows = await get(`/api/dyads/${encodeURIComponent(f.get("a"))}/${encodeURIComponent(f.get("b"))}/series?freq=${f.get("freq")}`);
  drawBars($("#trend"), rows.map((r) => ({ ...r, label: r.period.slice(0, 10) })), "events", 160, true);
}

$("#filters").addEventListener("submit", (ev) => {
  ev.preventDefault();
  state.filters = Object.fromEntries(new FormData(ev.target));
  state.offset = 0;
  loadEvents();
});
$("#dyad").addEventListener("submit", (ev) => { ev.preventDefault(); loadTrend(); });
$("#next").addEventListener("click", () => { state.offset += state.limit; loadEvents(); });
$("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadEvents(); });
// Left open all day, the dashboard follows the store: it asks /api/health (cheap) and redraws
// when the data version has moved, i.e. when articles were stored. ?refresh=N sets the seconds.
let version = null;
async function watch() {
  try {
    const h = await get("/api/health");
    if (version !== null && h.data_version !== version) {
      await Promise.all([loadStats(), loadEvents(), loadAlerts()]);
      $("#updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
    }
    version = h.data_version;
    $("#updated").classList.remove("stale");
  } catch (e) {
    $("#updated").textContent = "server not answering";
    $("#updated").classList.add("stale");
  }
}
const every = Number(new URLSearchParams(location.search).get("refresh")) || 15;
setInterval(watch, every * 1000);
watch();
loadStats();
loadEvents();
loadAlerts();
