/* thidua dashboard: search with typeahead, results with evidence, entity pages, charts.
   Every view is described by the page URL's query string, so a view can be shared. */
"use strict";

const FILTERS = ["unit", "bloc", "leader", "year", "event_type", "award", "locality", "date_from", "date_to"];
const state = { labels: { event_types: {}, awards: {} }, cursor: null, params: {} };
const $ = (id) => document.getElementById(id);

function node(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") n.className = v;
    else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) n.append(c);
  return n;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const url = path + (qs.toString() ? "?" + qs : "");
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

/* ---- URL <-> form ---------------------------------------------------------------------------- */

function readUrl() {
  const out = {};
  const qs = new URLSearchParams(location.search);
  for (const [k, v] of qs) if (v) out[k] = v;
  return out;
}

function writeUrl(params, replace) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const url = location.pathname + (qs.toString() ? "?" + qs : "");
  if (replace) history.replaceState(params, "", url);
  else history.pushState(params, "", url);
}

function formParams() {
  const out = {};
  for (const name of FILTERS) {
    const field = $("filters").elements.namedItem(name);
    const value = field && field.dataset.id ? field.dataset.id : field ? field.value.trim() : "";
    if (value) out[name] = value;
  }
  return out;
}

function fillForm(params) {
  for (const name of FILTERS) {
    const field = $("filters").elements.namedItem(name);
    if (!field) continue;
    field.value = params[name] || "";
    delete field.dataset.id;
  }
}

/* ---- messages -------------------------------------------------------------------------------- */

function say(text, isError, extra) {
  const box = $("message");
  box.replaceChildren(node("span", {}, text));
  if (extra) box.append(extra);
  box.className = isError ? "error" : "";
  box.hidden = false;
}

function quiet() {
  $("message").hidden = true;
}

function explain(err, params) {
  const body = err.body || {};
  if (body.error === "ambiguous" && body.candidates) {
    const list = node("ul", {});
    for (const c of body.candidates) {
      const label = c.name + (c.locality ? ` (${c.locality})` : "");
      list.append(node("li", {}, node("a", { href: "#", onclick: (e) => {
        e.preventDefault();
        const next = { ...params, [body.filter_name || kindOf(c.id)]: c.id };
        go(next);
      } }, label)));
    }
    say(`${body.message}:`, true, list);
  } else if (body.error === "unknown_entity") {
    const near = (body.suggestions || []).map((c) => c.name).join(", ");
    say(body.message + (near ? `. Gần giống: ${near}` : ""), true);
  } else {
    say(err.message || "Có lỗi khi tải dữ liệu.", true);
  }
}

function kindOf(id) {
  return id.split(":", 1)[0];
}

/* ---- typeahead ------------------------------------------------------------------------------- */

function typeahead(input) {
  const list = input.parentElement.querySelector(".suggest");
  let timer = null;
  let active = -1;
  const close = () => { list.hidden = true; active = -1; };
  input.addEventListener("input", () => {
    delete input.dataset.id;
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      try {
        const data = await api("entities", { type: input.dataset.kind, q, limit: 8 });
        list.replaceChildren();
        for (const item of data.items) {
          const li = node("li", { role: "option", "data-id": item.id }, item.name,
            item.locality ? node("small", {}, ` · ${item.locality}`) : null);
          li.addEventListener("mousedown", (e) => {
            e.preventDefault();
            input.value = item.name + (item.locality ? ` (${item.locality})` : "");
            input.dataset.id = item.id;
            close();
          });
          list.append(li);
        }
        list.hidden = data.items.length === 0;
      } catch (err) {
        close();
      }
    }, 180);
  });
  input.addEventListener("keydown", (e) => {
    const items = [...list.querySelectorAll("li")];
    if (list.hidden || !items.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((li, i) => li.classList.toggle("active", i === active));
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      items[active].dispatchEvent(new MouseEvent("mousedown"));
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

/* ---- search results -------------------------------------------------------------------------- */

function highlight(sentence, name) {
  const wrap = node("blockquote", { class: "evidence" });
  const at = name ? sentence.toLowerCase().indexOf(name.toLowerCase()) : -1;
  if (at < 0) {
    wrap.textContent = sentence;
  } else {
    wrap.append(sentence.slice(0, at), node("mark", {}, sentence.slice(at, at + name.length)),
      sentence.slice(at + name.length));
  }
  return wrap;
}

function entityLink(ref) {
  const label = ref.name + (ref.locality ? ` (${ref.locality})` : "");
  return node("a", { href: `?view=${ref.type}&id=${encodeURIComponent(ref.id)}`, class: "entity-link",
    "data-id": ref.id, onclick: (e) => { e.preventDefault(); go({ view: ref.type, id: ref.id }); } }, label);
}

function renderHit(hit) {
  const li = node("li", { class: "hit" });
  li.append(node("h3", {}, node("a", { href: hit.url, target: "_blank", rel: "noopener" },
    hit.title || "(không có tiêu đề)")));
  const meta = node("div", { class: "meta" }, node("span", {}, hit.date || "không rõ ngày"));
  for (const t of hit.event_types) meta.append(node("span", { class: "chip event" }, state.labels.event_types[t] || t));
  for (const b of hit.blocs) meta.append(entityLink(b));
  if (hit.locality) meta.append(node("span", { class: "chip" }, hit.locality));
  li.append(meta);
  for (const ev of hit.evidence) li.append(highlight(ev.sentence, ev.name));
  if (hit.source) li.append(node("div", { class: "source" }, "Nguồn: ", node("a", { href: hit.url }, hit.source)));
  return li;
}

async function runSearch(params, more) {
  const query = { ...params, limit: 20 };
  delete query.view;
  delete query.id;
  if (more && state.cursor) query.cursor = state.cursor;
  try {
    const page = await api("search", query);
    quiet();
    if (!more) $("results").replaceChildren();
    for (const hit of page.hits) $("results").append(renderHit(hit));
    const shown = $("results").children.length;
    $("count").textContent = shown ? `(${shown}${page.next_cursor ? "+" : ""})` : "";
    if (!shown) $("results").append(node("li", { class: "hint" }, "Không có tài liệu nào khớp với bộ lọc."));
    state.cursor = page.next_cursor;
    $("more-btn").hidden = !page.next_cursor;
    const resolved = $("resolved");
    resolved.replaceChildren();
    if (page.resolved.length) {
      resolved.append("Đang xem: ");
      for (const r of page.resolved) resolved.append(entityLink(r));
    }
    return page;
  } catch (err) {
    $("results").replaceChildren();
    $("count").textContent = "";
    $("more-btn").hidden = true;
    explain(err, params);
    return null;
  }
}

/* ---- charts ---------------------------------------------------------------------------------- */

async function loadCharts(params, page) {
  const bloc = page && page.resolved.find((r) => r.type === "bloc");
  const years = params.year ? { year_from: Number(params.year) - 4, year_to: params.year } : {};
  try {
    const group = bloc ? "bloc" : params.locality ? "locality" : undefined;
    const awards = await api("stats/awards", { ...years, group_by: group });
    let rows = awards.rows;
    if (bloc) rows = rows.filter((r) => r.group === bloc.id);
    const cats = awards.years.map(String);
    const kinds = [...new Set(rows.map((r) => r.award))];
    const series = kinds.map((k) => ({
      name: state.labels.awards[k] || k,
      values: cats.map((y) => rows.filter((r) => String(r.year) === y && r.award === k)
        .reduce((s, r) => s + r.count, 0)),
    }));
    Charts.stackedBars($("chart-awards"), cats, series, "Chưa có số liệu khen thưởng.");
  } catch (err) {
    Charts.stackedBars($("chart-awards"), [], [], "Không tải được số liệu khen thưởng.");
  }
  try {
    const by = params.event_type ? "event_type" : bloc ? "bloc" : undefined;
    const act = await api("stats/activity", { ...years, period: "month", by });
    let rows = act.rows;
    if (params.event_type) rows = rows.filter((r) => r.group === params.event_type);
    if (bloc) rows = rows.filter((r) => r.group === bloc.id);
    Charts.timeline($("chart-activity"), monthSeries(rows), "Chưa có hoạt động trong khoảng này.");
  } catch (err) {
    Charts.timeline($("chart-activity"), [], "Không tải được số liệu hoạt động.");
  }
  if (bloc) {
    try {
      const data = await api(`blocs/${encodeURIComponent(bloc.id)}`);
      drawMembers($("chart-members"), data);
    } catch (err) {
      Charts.membership($("chart-members"), [], [], "Không tải được thành viên khối.");
    }
  } else {
    Charts.membership($("chart-members"), [], [], "Chọn một khối thi đua để xem thành viên qua các năm.");
  }
}

/* Every month from the first to the last with documents, empty months as zero. */
function monthSeries(rows) {
  const counts = new Map();
  for (const r of rows) counts.set(r.period, (counts.get(r.period) || 0) + r.documents);
  const months = [...counts.keys()].sort();
  if (!months.length) return [];
  const out = [];
  let [y, m] = months[0].split("-").map(Number);
  const [ly, lm] = months[months.length - 1].split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    const label = `${y}-${String(m).padStart(2, "0")}`;
    out.push({ label, value: counts.get(label) || 0 });
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function drawMembers(container, bloc) {
  const years = bloc.members_by_year.map((m) => m.year);
  const rows = new Map();
  for (const m of bloc.members_by_year) {
    for (const u of m.members) {
      if (!rows.has(u.id)) rows.set(u.id, { name: u.name, years: new Set(), head: new Set() });
      rows.get(u.id).years.add(m.year);
    }
    if (m.head) {
      if (!rows.has(m.head.id)) rows.set(m.head.id, { name: m.head.name, years: new Set(), head: new Set() });
      rows.get(m.head.id).head.add(m.year);
    }
  }
  Charts.membership(container, years, [...rows.values()], "Chưa có danh sách thành viên.");
}

/* ---- entity pages ---------------------------------------------------------------------------- */

function table(headers, rows) {
  if (!rows.length) return node("p", { class: "hint" }, "Chưa có dữ liệu.");
  const t = node("table", {});
  t.append(node("thead", {}, node("tr", {}, ...headers.map((h) => node("th", {}, h)))));
  const body = node("tbody", {});
  for (const r of rows) body.append(node("tr", {}, ...r.map((c) => node("td", {}, c))));
  t.append(body);
  return t;
}

function section(title, ...content) {
  return node("section", {}, node("h3", {}, title), ...content);
}

function timelineList(entries) {
  if (!entries.length) return node("p", { class: "hint" }, "Chưa có sự kiện.");
  return node("ol", { id: "timeline" }, ...entries.map((e) => node("li", {},
    `${e.date || "?"} · `, node("a", { href: e.url, target: "_blank", rel: "noopener" }, e.title || e.doc_id),
    e.event_types.length ? ` — ${e.event_types.map((t) => state.labels.event_types[t] || t).join(", ")}` : "")));
}

function awardLabel(id) {
  return state.labels.awards[id] || id;
}

const STATUS = { proposed: "đề nghị", granted: "được tặng", unknown: "—" };

async function showEntity(kind, id) {
  $("search-view").hidden = true;
  $("entity-view").hidden = false;
  const body = $("entity-body");
  body.replaceChildren(node("p", { class: "hint" }, "Đang tải…"));
  const path = { unit: "units", bloc: "blocs", leader: "leaders" }[kind];
  try {
    const page = await api(`${path}/${encodeURIComponent(id)}`);
    quiet();
    const kindLabel = { unit: "Đơn vị", bloc: "Khối/cụm thi đua", leader: "Lãnh đạo" }[kind];
    $("entity-title").textContent = `${kindLabel}: ${page.entity.name}`;
    const parts = [node("p", { class: "hint" }, `${page.documents} tài liệu${page.truncated ? " (mới nhất)" : ""}`)];
    if (kind === "unit") {
      parts.push(section("Khối thi đua theo năm", table(["Năm", "Khối", "Vai trò"],
        page.blocs_by_year.map((b) => [String(b.year), entityLink(b.bloc), b.head ? "Khối trưởng" : "Thành viên"]))));
      parts.push(section("Lãnh đạo", table(["Họ tên", "Chức vụ", "Năm"],
        page.leaders.map((l) => [entityLink(l.leader), l.titles.join("; "), l.years.join(", ")]))));
      parts.push(section("Khen thưởng", table(["Năm", "Hình thức", "Số lượng", "Trạng thái"],
        page.awards.map((a) => [String(a.year || "?"), awardLabel(a.award), String(a.count), STATUS[a.status] || a.status]))));
    } else if (kind === "bloc") {
      const chart = node("div", { class: "chart", id: "entity-members" });
      parts.push(section("Thành viên qua các năm", chart));
      parts.push(section("Thành viên và khối trưởng theo năm", table(["Năm", "Khối trưởng", "Thành viên"],
        page.members_by_year.map((m) => [String(m.year), m.head ? entityLink(m.head) : "—",
          node("span", {}, ...m.members.flatMap((u, i) => (i ? [", ", entityLink(u)] : [entityLink(u)])))]))));
      parts.push(section("Khen thưởng đề nghị / được tặng", table(["Năm", "Hình thức", "Trạng thái", "Số lượng"],
        page.awards.map((a) => [String(a.year || "?"), awardLabel(a.award), STATUS[a.status] || a.status, String(a.count)]))));
      body.replaceChildren(...parts);
      drawMembers(chart, page);
    } else {
      parts.push(section("Chức vụ qua thời gian", table(["Chức vụ", "Từ", "Đến", "Tài liệu"],
        page.titles.map((t) => [t.title, t.first || "?", t.last || "?", String(t.documents)]))));
    }
    parts.push(section("Dòng thời gian", timelineList(page.timeline)));
    if (kind !== "bloc") body.replaceChildren(...parts);
    else body.append(parts[parts.length - 1]);
  } catch (err) {
    body.replaceChildren();
    $("entity-title").textContent = "";
    explain(err, {});
  }
}

/* ---- routing --------------------------------------------------------------------------------- */

async function route(params) {
  state.params = params;
  document.querySelectorAll(".suggest").forEach((list) => { list.hidden = true; });
  fillForm(params);
  if (params.view && params.id && ["unit", "bloc", "leader"].includes(params.view)) {
    await showEntity(params.view, params.id);
    return;
  }
  $("entity-view").hidden = true;
  $("search-view").hidden = false;
  state.cursor = null;
  const page = await runSearch(params, false);
  await loadCharts(params, page);
}

function go(params) {
  writeUrl(params, false);
  route(params);
}

async function init() {
  try {
    const [labels, years] = await Promise.all([api("labels"), api("years")]);
    state.labels = labels;
    for (const y of years.years.slice().reverse()) $("f-year").append(node("option", { value: String(y) }, String(y)));
    for (const [id, label] of Object.entries(labels.event_types)) $("f-event").append(node("option", { value: id }, label));
    for (const [id, label] of Object.entries(labels.awards)) $("f-award").append(node("option", { value: id }, label));
  } catch (err) {
    explain(err, {});
  }
  document.querySelectorAll("input[data-kind]").forEach(typeahead);
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); go(formParams()); });
  $("clear-btn").addEventListener("click", () => go({}));
  $("more-btn").addEventListener("click", () => runSearch(state.params, true));
  $("back-link").addEventListener("click", (e) => { e.preventDefault(); history.back(); });
  window.addEventListener("popstate", () => route(readUrl()));
  const params = readUrl();
  writeUrl(params, true);
  await route(params);
  document.body.dataset.ready = "1";
}

init();
