// The faculty page: plain DOM and inline SVG over the data store's JSON API. The token lives in
// sessionStorage (this tab only). Every text from the server is set with textContent, never as HTML.
/* global document, sessionStorage, fetch, URLSearchParams, location, URL, setTimeout */
"use strict";
(function () {
  const TOKEN_KEY = "qi.facultyToken";
  const SVG = "http://www.w3.org/2000/svg";
  const STATUS_TEXT = { on_time: "✓", late: "late", missing: "missing", not_due: "–" };
  const STATUS_LABEL = { on_time: "on time", late: "late", missing: "missing", not_due: "not due yet" };
  const $ = (id) => document.getElementById(id);
  // SVG colours (kept in step with faculty.css)
  const C = { brand: "#0f5c6e", series: "#2f5d8a", shift: "#e07a1f", goal: "#2e7d4f", median: "#8a96a3", ok: "#2e7d4f", annotation: "#7c5cbf" };

  let state = { token: sessionStorage.getItem(TOKEN_KEY), collaborativeId: null, data: null, measureId: null };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k === "class") node.className = v;
      else node.setAttribute(k, String(v));
    }
    for (const child of children || []) if (child) node.appendChild(child);
    return node;
  }
  function svg(tag, attrs, children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "text") node.textContent = String(v);
      else node.setAttribute(k, String(v));
    }
    for (const child of children || []) if (child) node.appendChild(child);
    return node;
  }
  function title(text) {
    return svg("title", { text });
  }

  async function api(path, options) {
    const headers = { authorization: "Bearer " + state.token, accept: "application/json" };
    const init = { headers };
    if (options && options.body !== undefined) {
      init.method = options.method || "POST";
      init.body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(path, init);
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((body && body.message) || "the data store answered " + response.status);
      error.status = response.status;
      error.conflicts = (body && Array.isArray(body.conflicts) && body.conflicts) || [];
      throw error;
    }
    return body;
  }

  function monthLabel(period) {
    const [y, m] = period.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "short", timeZone: "UTC" }) + " " + String(y).slice(2);
  }
  function fmt(value, unit) {
    if (value === null || value === undefined) return "–";
    const abs = Math.abs(value);
    const text = abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
    return unit === "%" ? text + "%" : text;
  }

  function setStatus(text) {
    $("status").textContent = text || "";
  }

  function showSignIn(message) {
    $("sign-in").hidden = false;
    $("dashboard").hidden = true;
    $("sign-out").hidden = true;
    $("export").hidden = true;
    $("collaborative-picker").hidden = true;
    $("sign-in-error").textContent = message || "";
    setStatus("");
    $("token").focus();
  }

  async function start() {
    if (!state.token) return showSignIn("");
    $("sign-in").hidden = true;
    $("sign-out").hidden = false;
    setStatus("Loading…");
    let me;
    try {
      me = await api("/api/v1/me");
    } catch (error) {
      if (error.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        state.token = null;
        return showSignIn(error.message);
      }
      return setStatus("Could not reach the data store: " + error.message);
    }
    if (me.role === "team") {
      return showSignIn("This is a team token. The faculty page needs a faculty or admin token (teams report from Excel).");
    }
    let id = me.collaborative ? me.collaborative.id : null;
    if (!id) {
      const list = await api("/api/v1/collaboratives");
      const picker = $("collaborative-picker");
      picker.replaceChildren(...list.collaboratives.map((c) => el("option", { value: c.id, text: c.name })));
      picker.hidden = list.collaboratives.length < 2;
      const wanted = new URLSearchParams(location.search).get("c");
      id = list.collaboratives.some((c) => c.id === wanted) ? wanted : list.collaboratives[0] && list.collaboratives[0].id;
      picker.value = id || "";
      if (!id) return setStatus("There is no collaborative yet: create one with npm run admin -- create-collaborative.");
    }
    await load(id);
  }

  async function load(id) {
    state.collaborativeId = id;
    setStatus("Loading…");
    try {
      const base = "/api/v1/collaboratives/" + encodeURIComponent(id);
      const [collaborative, completeness, runcharts, scores] = await Promise.all([api(base), api(base + "/completeness"), api(base + "/runcharts"), api(base + "/scores")]);
      state.data = { collaborative, completeness, runcharts, scores };
      if (!state.measureId || !runcharts.measures.some((m) => m.measureId === state.measureId)) state.measureId = runcharts.measures[0] && runcharts.measures[0].measureId;
      render();
      setStatus("");
      $("dashboard").hidden = false;
      $("export").hidden = false;
    } catch (error) {
      setStatus("Could not load the collaborative: " + error.message);
    }
  }

  function render() {
    const { collaborative } = state.data;
    document.title = collaborative.name + " · Faculty";
    $("title").textContent = collaborative.name;
    $("aim").textContent = collaborative.aim;
    renderSummary();
    renderGrid();
    renderTabs();
    renderCharts();
    renderScores();
    renderCompare();
    renderScoring();
  }

  function stat(label, value, hint, kind) {
    return el("div", { class: "stat " + (kind || "") }, [el("div", { class: "label", text: label }), el("div", { class: "value", text: value }), el("div", { class: "hint", text: hint })]);
  }

  function renderSummary() {
    const { completeness, scores, collaborative } = state.data;
    const month = completeness.months[completeness.months.length - 1];
    const box = $("summary");
    if (!month) return box.replaceChildren(stat("Reporting", "not started", "the collaborative starts " + collaborative.startMonth));
    const latestScored = [...scores.months].reverse().find((m) => m.teamsScored > 0);
    box.replaceChildren(
      stat("Reporting month", monthLabel(month.period), "due " + month.dueDate),
      stat("On time", String(month.onTime), "of " + collaborative.teamCount + " teams", "ok"),
      stat("Late", String(month.late), "received after the due date", "late"),
      stat("Missing", String(month.missing), month.notDue ? month.notDue + " not due yet" : "past the due date", "missing"),
      stat("Teams at 4+", latestScored ? fmt(latestScored.percentAtLeast4, "%") : "–", latestScored ? monthLabel(latestScored.period) + ", " + latestScored.teamsScored + " scored" : "no scores yet"),
    );
  }

  function renderGrid() {
    const { completeness } = state.data;
    const legend = $("grid-legend");
    legend.replaceChildren(
      ...["on_time", "late", "missing", "not_due"].map((s) =>
        el("span", {}, [el("i", { class: "swatch " + s }), document.createTextNode(STATUS_LABEL[s])]),
      ),
    );
    const head = el("tr", {}, [el("th", { class: "team", text: "Team" }), ...completeness.months.map((m) => el("th", { text: monthLabel(m.period), title: "due " + m.dueDate }))]);
    const rows = completeness.teams.map((team) =>
      el("tr", {}, [
        el("th", { class: "team", text: team.teamName, title: team.onTime + " on time, " + team.late + " late, " + team.missing + " missing" }),
        ...team.cells.map((cell) =>
          el("td", {
            class: cell.status,
            text: STATUS_TEXT[cell.status],
            title: team.teamName + ", " + monthLabel(cell.period) + ": " + STATUS_LABEL[cell.status] + (cell.firstReceivedAt ? " (received " + cell.firstReceivedAt.slice(0, 10) + ", revision " + cell.revision + ")" : ""),
          }),
        ),
      ]),
    );
    const totals = el("tr", { class: "totals" }, [
      el("th", { class: "team", text: "Received" }),
      ...completeness.months.map((m) => el("td", { class: "total", text: m.received + "/" + (m.expected || completeness.teams.length) })),
    ]);
    $("grid").replaceChildren(el("thead", {}, [head]), el("tbody", {}, [...rows, totals]));
  }

  function renderTabs() {
    const tabs = $("measure-tabs");
    tabs.replaceChildren(
      ...state.data.runcharts.measures.map((m) => {
        const tab = el("button", { class: "tab", type: "button", role: "tab", "aria-selected": m.measureId === state.measureId ? "true" : "false", text: m.name });
        tab.addEventListener("click", () => {
          state.measureId = m.measureId;
          renderTabs();
          renderCharts();
          renderCompare();
        });
        return tab;
      }),
    );
  }

  function currentMeasure() {
    return state.data.runcharts.measures.find((m) => m.measureId === state.measureId);
  }

  function renderCharts() {
    const measure = currentMeasure();
    const box = $("charts");
    if (!measure) return box.replaceChildren(el("p", { class: "muted", text: "No measures defined." }));
    const definition = state.data.collaborative.measures.find((m) => m.id === measure.measureId) || {};
    const direction = measure.improvementDirection === "increase" ? "higher is better" : measure.improvementDirection === "decrease" ? "lower is better" : "";
    $("measure-about").textContent = [definition.type, measure.unit, direction, measure.goal !== null ? "goal " + fmt(measure.goal, measure.unit) : null].filter(Boolean).join(" · ");
    const months = state.data.runcharts.months;
    box.replaceChildren(...measure.series.map((series) => chartCard(series, measure, months)));
    const rules = state.data.runcharts.rules;
    const limits = state.data.runcharts.ruleSet === "mdc" ? " Light dashed: process limits." : "";
    $("chart-key").textContent =
      "Read by the " + rules.name + " (the collaborative's rule set): " + rules.description + ". " +
      "Blue: the team's monthly values. Grey dashed: " + rules.centerLine + "." + limits + " Green dashed: goal. " +
      "Orange points: part of a signal, named under the team's name with what it means for this measure (improvement or concern). Triangles: changes tested (hover for the annotation).";
  }

  function chartCard(series, measure, months) {
    const values = series.points.map((p) => p.value);
    const present = values.filter((v) => v !== null);
    const W = 290, H = 150, L = 36, R = 8, T = 14, B = 22;
    const lo0 = Math.min(...present, measure.goal !== null ? measure.goal : Infinity);
    const hi0 = Math.max(...present, measure.goal !== null ? measure.goal : -Infinity);
    const pad = (hi0 - lo0) * 0.1 || Math.abs(hi0) * 0.1 || 1;
    const lo = present.length ? Math.max(lo0 >= 0 ? 0 : -Infinity, lo0 - pad) : 0;
    const hi = present.length ? (measure.unit === "%" && hi0 <= 100 ? Math.min(100, hi0 + pad) : hi0 + pad) : 1;
    const x = (i) => L + (months.length <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (months.length - 1));
    const y = (v) => T + (H - T - B) * (1 - (v - lo) / (hi - lo || 1));
    const parts = [];
    parts.push(svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#d5dce4" }));
    parts.push(svg("text", { x: L - 4, y: y(hi) + 4, "text-anchor": "end", "font-size": 9, fill: "#5f6b7a", text: fmt(hi, null) }));
    parts.push(svg("text", { x: L - 4, y: y(lo), "text-anchor": "end", "font-size": 9, fill: "#5f6b7a", text: fmt(lo, null) }));
    if (months.length) {
      parts.push(svg("text", { x: x(0), y: H - 6, "text-anchor": "start", "font-size": 9, fill: "#5f6b7a", text: monthLabel(months[0]) }));
      parts.push(svg("text", { x: x(months.length - 1), y: H - 6, "text-anchor": "end", "font-size": 9, fill: "#5f6b7a", text: monthLabel(months[months.length - 1]) }));
    }
    if (measure.goal !== null) {
      parts.push(svg("line", { x1: L, x2: W - R, y1: y(measure.goal), y2: y(measure.goal), stroke: C.goal, "stroke-dasharray": "2 3", "stroke-width": 1.2 }, [title("goal " + fmt(measure.goal, measure.unit))]));
    }
    const centerName = state.data.runcharts.rules.centerLine;
    if (series.centerLine !== null) {
      parts.push(svg("line", { x1: L, x2: W - R, y1: y(series.centerLine), y2: y(series.centerLine), stroke: C.median, "stroke-dasharray": "5 3" }, [title(centerName + " " + fmt(series.centerLine, measure.unit))]));
    }
    for (const [name, limit] of [["lower process limit", series.lpl], ["upper process limit", series.upl]]) {
      if (limit === null || limit < lo || limit > hi) continue;
      parts.push(svg("line", { x1: L, x2: W - R, y1: y(limit), y2: y(limit), stroke: C.median, "stroke-opacity": 0.5, "stroke-dasharray": "2 4" }, [title(name + " " + fmt(limit, measure.unit))]));
    }
    let path = "";
    series.points.forEach((p, i) => {
      if (p.value === null) return;
      const previous = i > 0 ? series.points[i - 1].value : null;
      path += (previous === null ? "M" : "L") + x(i).toFixed(1) + "," + y(p.value).toFixed(1) + " ";
    });
    if (path) parts.push(svg("path", { d: path.trim(), fill: "none", stroke: C.series, "stroke-width": 1.6 }));
    // every point of a signal under the collaborative's rule set, with the rules it belongs to
    const signalOf = new Map();
    for (const signal of series.signals) for (const i of signal.points) signalOf.set(i, (signalOf.has(i) ? signalOf.get(i) + ", " : "") + signal.rule);
    series.points.forEach((p, i) => {
      if (p.annotation) {
        const ax = x(i);
        parts.push(svg("path", { d: "M" + (ax - 4) + "," + (T - 10) + " L" + (ax + 4) + "," + (T - 10) + " L" + ax + "," + (T - 3) + " Z", fill: C.annotation }, [title(monthLabel(p.period) + ": " + p.annotation)]));
        parts.push(svg("line", { x1: ax, x2: ax, y1: T - 3, y2: H - B, stroke: C.annotation, "stroke-opacity": 0.25 }));
      }
      if (p.value === null) return;
      parts.push(
        svg("circle", { cx: x(i), cy: y(p.value), r: signalOf.has(i) ? 3.6 : 2.8, fill: signalOf.has(i) ? C.shift : C.series, stroke: "#fff", "stroke-width": 0.8 }, [
          title(monthLabel(p.period) + ": " + fmt(p.value, measure.unit) + (signalOf.has(i) ? " (part of a signal: " + signalOf.get(i) + ")" : "")),
        ]),
      );
    });
    const last = [...series.points].reverse().find((p) => p.value !== null);
    const meta = el("div", { class: "meta" }, [
      document.createTextNode(last ? "latest " + fmt(last.value, measure.unit) + " (" + monthLabel(last.period) + ")" : "no data yet"),
      ...series.signals.map((signal) => el("span", { class: "signal", text: " · " + signal.rule + (signal.meaning === "neutral" ? "" : ": " + signal.meaning) })),
    ]);
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": series.teamLabel + " run chart of " + measure.name }, parts);
    return el("div", { class: "chart" }, [el("h3", { text: series.teamLabel }), meta, chart]);
  }

  function renderScores() {
    const months = state.data.scores.months;
    const box = $("scores-chart");
    if (!months.length) return box.replaceChildren(el("p", { class: "muted", text: "No scores yet." }));
    const W = 560, H = 200, L = 34, R = 8, T = 16, B = 28;
    const step = (W - L - R) / months.length;
    const y = (v) => T + (H - T - B) * (1 - v / 100);
    const parts = [0, 50, 100].map((v) =>
      svg("g", {}, [svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#e3e8ee" }), svg("text", { x: L - 4, y: y(v) + 3, "text-anchor": "end", "font-size": 9, fill: "#5f6b7a", text: v + "%" })]),
    );
    months.forEach((m, i) => {
      const cx = L + step * i + step / 2;
      const w = Math.min(28, step * 0.6);
      if (m.percentAtLeast4 !== null) {
        parts.push(
          svg("rect", { x: cx - w / 2, y: y(m.percentAtLeast4), width: w, height: Math.max(1, y(0) - y(m.percentAtLeast4)), rx: 2, fill: C.brand }, [
            title(monthLabel(m.period) + ": " + m.teamsAtLeast4 + " of " + m.teamsScored + " scored teams at 4 or above (" + m.teamsTotal + " teams)"),
          ]),
        );
        parts.push(svg("text", { x: cx, y: y(m.percentAtLeast4) - 3, "text-anchor": "middle", "font-size": 9, fill: "#1f2933", text: Math.round(m.percentAtLeast4) + "%" }));
      }
      if (months.length <= 18 || i % 2 === 0) parts.push(svg("text", { x: cx, y: H - 10, "text-anchor": "middle", "font-size": 9, fill: "#5f6b7a", text: monthLabel(m.period) }));
    });
    box.replaceChildren(svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "Percent of teams at 4 or above per month" }, parts));
  }

  function renderCompare() {
    const measure = currentMeasure();
    const box = $("compare");
    if (!measure) return box.replaceChildren();
    const latest = measure.series
      .map((s) => ({ label: s.teamLabel, point: [...s.points].reverse().find((p) => p.value !== null) }))
      .filter((r) => r.point);
    const better = measure.improvementDirection === "decrease" ? 1 : -1;
    latest.sort((a, b) => better * (a.point.value - b.point.value));
    $("compare-about").textContent = measure.name + ": each team's latest value, best first" + (measure.goal !== null ? "; the line is the goal" : "") + ".";
    if (!latest.length) return box.replaceChildren(el("p", { class: "muted", text: "No data yet." }));
    const W = 560, rowH = 24, L = 170, R = 96, T = 6;
    const H = T + rowH * latest.length + 6;
    const max = Math.max(...latest.map((r) => r.point.value), measure.goal !== null ? measure.goal : 0) || 1;
    const x = (v) => L + ((W - L - R) * Math.max(0, v)) / max;
    const parts = [];
    latest.forEach((r, i) => {
      const yy = T + i * rowH;
      const meetsGoal = measure.goal !== null && (measure.improvementDirection === "decrease" ? r.point.value <= measure.goal : r.point.value >= measure.goal);
      parts.push(svg("text", { x: L - 8, y: yy + 15, "text-anchor": "end", "font-size": 11, fill: "#1f2933", text: r.label.length > 26 ? r.label.slice(0, 25) + "…" : r.label }));
      parts.push(
        svg("rect", { x: L, y: yy + 4, width: Math.max(1, x(r.point.value) - L), height: rowH - 9, rx: 3, fill: meetsGoal ? C.ok : C.series }, [
          title(r.label + ": " + fmt(r.point.value, measure.unit) + " in " + monthLabel(r.point.period)),
        ]),
      );
      parts.push(svg("text", { x: x(r.point.value) + 5, y: yy + 15, "font-size": 10, fill: "#5f6b7a", text: fmt(r.point.value, measure.unit) + " · " + monthLabel(r.point.period) }));
    });
    if (measure.goal !== null) parts.push(svg("line", { x1: x(measure.goal), x2: x(measure.goal), y1: 2, y2: H - 2, stroke: C.goal, "stroke-dasharray": "3 3", "stroke-width": 1.5 }, [title("goal " + fmt(measure.goal, measure.unit))]));
    box.replaceChildren(svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": "Latest values by team" }, parts));
  }

  // Scoring: one team, one month, a level of the IHI scale (the options come from the server, which
  // takes them from core) and the rationale, required. The answer carries the software's suggestion.
  function scoredTeams() {
    return state.data.collaborative.teams.filter((t) => t.id !== null);
  }

  function renderScoring() {
    const teamSelect = $("score-team");
    const monthSelect = $("score-month");
    const wantedTeam = teamSelect.value;
    const wantedMonth = monthSelect.value;
    const teams = scoredTeams();
    teamSelect.replaceChildren(...teams.map((t) => el("option", { value: t.id, text: t.name })));
    if (teams.some((t) => t.id === wantedTeam)) teamSelect.value = wantedTeam;
    const months = [...state.data.completeness.months].reverse();
    monthSelect.replaceChildren(...months.map((m) => el("option", { value: m.period, text: monthLabel(m.period) })));
    if (months.some((m) => m.period === wantedMonth)) monthSelect.value = wantedMonth;
    $("scoring").hidden = teams.length === 0 || months.length === 0;
    showCurrentScore();
  }

  function levelText(score) {
    const option = [...$("score-value").options].find((o) => o.value !== "" && Number(o.value) === score);
    return option ? option.textContent : String(score);
  }

  function showCurrentScore() {
    const teamId = $("score-team").value;
    const period = $("score-month").value;
    const entry = state.data.scores.scores.find((s) => s.teamId === teamId && s.period === period);
    const parts = [];
    if (entry && entry.faculty) {
      const line = "Current faculty score: " + levelText(entry.faculty.score) + " (" + entry.faculty.by + ", " + entry.faculty.recordedAt.slice(0, 10) + ")" + (entry.faculty.rationale ? ": " + entry.faculty.rationale : "");
      parts.push(/[.!?]$/.test(line) ? line : line + ".");
    } else {
      parts.push("Not scored by faculty for " + (period ? monthLabel(period) : "this month") + " yet.");
    }
    if (entry && entry.self) parts.push("The team's self-assessment: " + levelText(entry.self.score) + ".");
    $("score-current").textContent = parts.join(" ");
    $("score-value").value = entry && entry.faculty ? String(entry.faculty.score) : "";
    showLevel();
    showSuggestion(teamId, period);
  }

  // What the team's stored data suggest for the month, with its reasons: core's one evidence builder
  // on the server, the same suggestion the team's task pane shows for the same data.
  let suggestionRequest = 0;
  let suggestionShown = "";
  async function showSuggestion(teamId, period) {
    const box = $("score-suggested");
    const request = ++suggestionRequest;
    // another team or month: clear at once; the same one (after a save): keep it until the answer comes
    if (suggestionShown !== teamId + "|" + period) box.replaceChildren();
    suggestionShown = teamId + "|" + period;
    if (!teamId || !period) return;
    try {
      const base = "/api/v1/collaboratives/" + encodeURIComponent(state.collaborativeId);
      const body = await api(base + "/teams/" + encodeURIComponent(teamId) + "/suggestion?period=" + encodeURIComponent(period));
      if (request !== suggestionRequest) return;
      if (!body.suggested) return box.replaceChildren(el("p", { class: "muted", text: "No suggestion: the team has no data up to " + monthLabel(period) + "." }));
      box.replaceChildren(
        el("p", { text: "The team's data suggest " + body.suggested.score.toFixed(1) + " · " + body.suggested.label + "." }),
        el("ul", {}, body.suggested.reasons.map((reason) => el("li", { text: reason }))),
      );
    } catch (error) {
      if (request === suggestionRequest) box.replaceChildren(el("p", { class: "muted", text: "No suggestion: " + error.message }));
    }
  }

  function showLevel() {
    const option = $("score-value").selectedOptions[0];
    $("score-level").textContent = option && option.value !== "" ? option.getAttribute("data-description") || "" : "";
  }

  async function saveScore(event) {
    event.preventDefault();
    const teamId = $("score-team").value;
    const period = $("score-month").value;
    const scoreText = $("score-value").value;
    const rationale = $("score-rationale").value.trim();
    $("score-error").textContent = "";
    $("score-result").replaceChildren();
    if (scoreText === "") {
      $("score-error").textContent = "Score: choose a level of the IHI scale (0.5 to 5.0).";
      return $("score-value").focus();
    }
    if (rationale === "") {
      $("score-error").textContent = "Rationale: say in a sentence why the team earns this score (what its data and narrative show).";
      return $("score-rationale").focus();
    }
    const base = "/api/v1/collaboratives/" + encodeURIComponent(state.collaborativeId);
    const button = $("score-save");
    button.disabled = true;
    try {
      const saved = await api(base + "/teams/" + encodeURIComponent(teamId) + "/scores/" + encodeURIComponent(period), { method: "PUT", body: { score: Number(scoreText), rationale } });
      const team = scoredTeams().find((t) => t.id === teamId);
      const result = [el("p", { class: "saved", text: "Saved: " + (team ? team.name : teamId) + ", " + monthLabel(period) + ": " + levelText(saved.score) + "." })];
      if (saved.suggested) {
        result.push(el("p", { text: "Suggested from the team's data: " + saved.suggested.score.toFixed(1) + " · " + saved.suggested.label + (saved.suggested.score === saved.score ? " (the same as yours)." : ".") }));
        result.push(el("ul", {}, saved.suggested.reasons.map((reason) => el("li", { text: reason }))));
      } else {
        result.push(el("p", { class: "muted", text: "No suggestion: the team has no data for this month yet." }));
      }
      $("score-result").replaceChildren(...result);
      $("score-rationale").value = "";
      state.data.scores = await api(base + "/scores");
      renderSummary();
      renderScores();
      showCurrentScore();
    } catch (error) {
      const details = (error.conflicts || []).map((c) => (c.path && c.path.length ? c.path.join(".") + ": " : "") + c.message);
      $("score-error").textContent = "Not saved: " + (details.length ? details.join("; ") : error.message);
    } finally {
      button.disabled = false;
    }
  }

  async function exportCsv(event) {
    event.preventDefault();
    try {
      const response = await fetch("/api/v1/collaboratives/" + encodeURIComponent(state.collaborativeId) + "/export.csv", { headers: { authorization: "Bearer " + state.token } });
      if (!response.ok) throw new Error("the data store answered " + response.status);
      const url = URL.createObjectURL(await response.blob());
      const link = el("a", { href: url, download: state.collaborativeId + "-points.csv" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setStatus("Export failed: " + error.message);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const token = $("token").value.trim();
      if (!token) return;
      sessionStorage.setItem(TOKEN_KEY, token);
      state.token = token;
      $("token").value = "";
      start();
    });
    $("sign-out").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      state = { token: null, collaborativeId: null, data: null, measureId: null };
      showSignIn("");
    });
    $("collaborative-picker").addEventListener("change", (event) => load(event.target.value));
    $("export").addEventListener("click", exportCsv);
    $("score-team").addEventListener("change", showCurrentScore);
    $("score-month").addEventListener("change", showCurrentScore);
    $("score-value").addEventListener("change", showLevel);
    $("score-form").addEventListener("submit", saveScore);
    start();
  });
})();
