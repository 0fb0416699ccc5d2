/* Small SVG charts for the dashboard: stacked bars, a timeline, a membership grid. No libraries. */
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const PALETTE = ["#b3261e", "#1f6feb", "#2da44e", "#bf8700", "#8250df", "#0a7ea4", "#cf222e",
    "#6e7781", "#d4a72c", "#1b7c83", "#953800"];

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svg(width, height) {
    return el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  }

  function empty(container, message) {
    container.replaceChildren();
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = message;
    container.appendChild(p);
  }

  function legend(container, names) {
    const box = document.createElement("div");
    box.className = "legend";
    names.forEach((name, i) => {
      const item = document.createElement("span");
      item.style.setProperty("--c", PALETTE[i % PALETTE.length]);
      item.textContent = name;
      box.appendChild(item);
    });
    container.appendChild(box);
  }

  /* A top of scale that splits into four round steps (0, 1, 2, 5, 10 × 10^n per step). */
  function niceMax(value) {
    const raw = Math.max(value, 4) / 4;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const s of [1, 2, 2.5, 5, 10]) if (s * pow >= raw && Number.isInteger(s * pow)) return s * pow * 4;
    return 10 * pow * 4;
  }

  function axis(root, x0, y0, width, height, max) {
    for (let i = 0; i <= 4; i++) {
      const y = y0 + height - (height * i) / 4;
      root.appendChild(el("line", { x1: x0, x2: x0 + width, y1: y, y2: y, stroke: "#e6e9ee" }));
      root.appendChild(el("text", { x: x0 - 4, y: y + 4, "text-anchor": "end" }, String(Math.round((max * i) / 4))));
    }
  }

  /* categories: ["2021", ...]; series: [{name, values: [n per category]}] */
  function stackedBars(container, categories, series, emptyMessage) {
    const total = categories.map((_, i) => series.reduce((s, x) => s + (x.values[i] || 0), 0));
    if (!categories.length || !total.some((t) => t > 0)) return empty(container, emptyMessage);
    const W = 520, H = 220, left = 40, bottom = 22, top = 8;
    const root = svg(W, H);
    const max = niceMax(Math.max(...total));
    const plotH = H - bottom - top, plotW = W - left - 8;
    axis(root, left, top, plotW, plotH, max);
    const slot = plotW / categories.length;
    const barW = Math.min(48, slot * 0.7);
    categories.forEach((cat, i) => {
      let y = top + plotH;
      const x = left + slot * i + (slot - barW) / 2;
      series.forEach((s, j) => {
        const v = s.values[i] || 0;
        if (!v) return;
        const h = (plotH * v) / max;
        y -= h;
        const rect = el("rect", { x, y, width: barW, height: h, fill: PALETTE[j % PALETTE.length] });
        rect.appendChild(el("title", {}, `${cat} · ${s.name}: ${v}`));
        root.appendChild(rect);
      });
      root.appendChild(el("text", { x: x + barW / 2, y: H - 6, "text-anchor": "middle" }, cat));
    });
    container.replaceChildren(root);
    legend(container, series.map((s) => s.name));
  }

  /* points: [{label: "2023-05", value: n}] in order */
  function timeline(container, points, emptyMessage) {
    if (!points.length) return empty(container, emptyMessage);
    const W = 520, H = 200, left = 40, bottom = 22, top = 8;
    const root = svg(W, H);
    const max = niceMax(Math.max(...points.map((p) => p.value)));
    const plotH = H - bottom - top, plotW = W - left - 8;
    axis(root, left, top, plotW, plotH, max);
    const slot = plotW / points.length;
    const barW = Math.max(2, slot * 0.8);
    const every = Math.ceil(points.length / 8);
    points.forEach((p, i) => {
      const h = (plotH * p.value) / max;
      const x = left + slot * i + (slot - barW) / 2;
      const rect = el("rect", { x, y: top + plotH - h, width: barW, height: h, fill: PALETTE[1] });
      rect.appendChild(el("title", {}, `${p.label}: ${p.value}`));
      root.appendChild(rect);
      if (i % every === 0) root.appendChild(el("text", { x: x + barW / 2, y: H - 6, "text-anchor": "middle" }, p.label));
    });
    container.replaceChildren(root);
  }

  /* years: [2021, ...]; rows: [{name, years: Set, head: Set}] */
  function membership(container, years, rows, emptyMessage) {
    if (!years.length || !rows.length) return empty(container, emptyMessage);
    const cell = 22, left = 170, top = 20;
    const W = left + cell * years.length + 8, H = top + cell * rows.length + 4;
    const root = svg(W, H);
    years.forEach((y, i) => root.appendChild(el("text", { x: left + cell * i + cell / 2, y: 14, "text-anchor": "middle" }, String(y).slice(2))));
    rows.forEach((row, r) => {
      const y = top + cell * r;
      const name = row.name.length > 26 ? row.name.slice(0, 25) + "…" : row.name;
      root.appendChild(el("text", { x: left - 6, y: y + cell / 2 + 4, "text-anchor": "end" }, name));
      years.forEach((yr, i) => {
        const member = row.years.has(yr);
        const head = row.head.has(yr);
        const rect = el("rect", { x: left + cell * i + 2, y: y + 2, width: cell - 4, height: cell - 4, rx: 3,
          fill: head ? PALETTE[0] : member ? PALETTE[1] : "#eef1f5" });
        rect.appendChild(el("title", {}, `${row.name} · ${yr}: ${head ? "khối trưởng" : member ? "thành viên" : "—"}`));
        root.appendChild(rect);
      });
    });
    container.replaceChildren(root);
    const box = document.createElement("div");
    box.className = "legend";
    [["thành viên", PALETTE[1]], ["khối trưởng", PALETTE[0]]].forEach(([t, c]) => {
      const s = document.createElement("span");
      s.style.setProperty("--c", c);
      s.textContent = t;
      box.appendChild(s);
    });
    container.appendChild(box);
  }

  return { stackedBars, timeline, membership };
})();
