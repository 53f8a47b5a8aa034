"use strict";
// The dashboard: sign in with a key (kept in this tab's sessionStorage), then every card loads from
// the gateway's JSON API with that key. Charts refresh every 15 s, the request log every 3 s.
(() => {
  const STORAGE = "switchboard.key";
  const BASELINE = "anthropic/claude-opus-4.6";
  const PERIOD_DAYS = { day: 1, week: 7, month: 30 };
  const CLASSES = ["public", "internal", "confidential", "regulated"];
  const LOG_ROWS = 50;
  const state = { period: "week", by: "model", lastLogId: null, rendered: 0, timers: [], data: {} };
  const $ = (id) => document.getElementById(id);
  /** A group the gateway could not name (no app header, a failed request's missing provider). */
  const UNKNOWN = "(unknown)";
  const named = (items, field = "name") => items.map((i) => Object.assign({}, i, { [field]: i[field] || UNKNOWN }));

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, key = sessionStorage.getItem(STORAGE)) {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + key }, cache: "no-store" });
    let body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      // An error without a JSON body: the status says enough.
    }
    if (!response.ok) {
      const message = body && body.error && body.error.message ? body.error.message : "HTTP " + response.status;
      throw new ApiError(response.status, message);
    }
    return body;
  }

  // --- signing in and out -------------------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const key = $("key").value.trim();
    $("sign-in-error").textContent = "";
    try {
      const me = await api("/api/v1/key", key);
      sessionStorage.setItem(STORAGE, key);
      $("key").value = "";
      start(me.data);
    } catch (e) {
      $("sign-in-error").textContent = e.status === 401 ? "This key is not valid here (unknown, revoked or expired)." : "Sign-in failed: " + e.message;
    }
  }

  function signOut(message) {
    sessionStorage.removeItem(STORAGE);
    state.timers.forEach(clearInterval);
    state.timers = [];
    $("dashboard").hidden = true;
    $("controls").hidden = true;
    $("sign-in").hidden = false;
    $("sign-in-error").textContent = typeof message === "string" ? message : "";
    $("key").focus();
  }

  function start(me) {
    $("sign-in").hidden = true;
    $("controls").hidden = false;
    $("dashboard").hidden = false;
    $("who").textContent = (me.name || me.label) + (me.is_management_key ? " · admin: all traffic" : " · this key's traffic");
    state.lastLogId = null;
    $("log-table").tBodies[0].replaceChildren();
    refresh();
    loadLog();
    state.timers.push(setInterval(refresh, 15000), setInterval(loadLog, 3000));
  }

  // --- the cards ----------------------------------------------------------------------------------

  function fromParam() {
    return new Date(Date.now() - PERIOD_DAYS[state.period] * 86400000).toISOString();
  }

  /** Runs a card's loader; a failure shows in that card alone (and signs out on a dead key). */
  async function card(chartId, loader) {
    try {
      await loader();
    } catch (e) {
      if (e.status === 401) {
        signOut("Your key is no longer valid: " + e.message);
        return;
      }
      Charts.empty(chartId, e.status === 404 ? "Not available on this gateway" : "Could not load: " + e.message);
    }
  }

  async function loadRankings() {
    const body = await api(`/api/v1/rankings?period=${state.period}&by=${state.by}`);
    const r = Object.assign({}, body.data, { items: named(body.data.items) });
    state.data.rankings = r;
    $("rankings-what").textContent = { model: "models", author: "authors", app: "apps" }[state.by];
    Fmt.headline($("rankings-total"), [{ text: Fmt.tokens(r.total_tokens) }, ` tokens in ${r.items.length} ${$("rankings-what").textContent}`]);
    if (r.items.length === 0) return Charts.empty("chart-rankings", "No traffic in this period yet");
    Charts.rankings("chart-rankings", r.items);
  }

  async function loadOrigin() {
    const body = await api(`/api/v1/rankings?period=${state.period}&by=origin`);
    const r = Object.assign({}, body.data, { items: named(body.data.items) });
    state.data.origin = r;
    const lead = r.items[0];
    Fmt.headline($("origin-total"), lead ? [{ text: Fmt.percent(lead.share) }, ` of tokens went to models from ${lead.name}`] : []);
    if (r.items.length === 0) return Charts.empty("chart-origin", "No traffic in this period yet");
    Charts.origin("chart-origin", r.items);
  }

  async function loadSpend() {
    const from = fromParam();
    const body = await api(`/api/v1/spend?group_by=day,data_class&from=${encodeURIComponent(from)}`);
    const rows = body.data;
    state.data.spend = rows;
    const days = [...new Set(rows.map((r) => r.day))].sort();
    const classes = CLASSES.filter((c) => rows.some((r) => r.data_class === c));
    const cost = new Map(rows.map((r) => [r.day + "|" + r.data_class, r.cost_micros / 1e6]));
    const total = rows.reduce((sum, r) => sum + r.cost_micros, 0) / 1e6;
    const requests = rows.reduce((sum, r) => sum + r.requests, 0);
    Fmt.headline($("spend-total"), [{ text: Fmt.usd(total) }, ` over ${requests} requests`]);
    if (rows.length === 0) return Charts.empty("chart-spend", "No spend in this period yet");
    Charts.spend("chart-spend", days, classes, (d, c) => cost.get(d + "|" + c) || 0);
  }

  async function loadSavings() {
    const body = await api(`/api/v1/savings?baseline=${encodeURIComponent(BASELINE)}&from=${encodeURIComponent(fromParam())}`);
    const s = body.data;
    state.data.savings = s;
    $("savings-baseline").textContent = s.baseline;
    const ratio = s.ratio == null || !isFinite(s.ratio) ? "" : ` (${s.ratio.toFixed(1)}× cheaper)`;
    Fmt.headline($("savings-total"), ["Paid ", { text: Fmt.usd(s.cost) }, " instead of ", { text: Fmt.usd(s.baseline_cost) },
      ": saved ", { text: Fmt.usd(s.saved), className: "good" }, ratio]);
    const models = s.models.map((m) => ({ model: m.model, cost: m.cost_micros / 1e6, baseline_cost: m.baseline_cost_micros / 1e6 }))
      .sort((a, b) => b.baseline_cost - a.baseline_cost).slice(0, 10).reverse();
    if (models.length === 0) return Charts.empty("chart-savings", "No traffic in this period yet");
    Charts.savings("chart-savings", models, s.baseline);
  }

  async function loadEnergy() {
    const e = (await api(`/api/v1/energy?from=${encodeURIComponent(fromParam())}`)).data;
    state.data.energy = e;
    Fmt.headline($("energy-total"), ["About ", { text: Fmt.wh(e.wh) }, ", ", { text: Fmt.usd(e.cost) }, " of electricity, ",
      { text: Fmt.grams(e.co2_grams) }, " CO₂"]);
    $("energy-formula").textContent = e.formula ? "Estimate: " + e.formula : "";
    const countries = named(e.countries, "country").filter((c) => c.wh > 0 || c.cost > 0).sort((a, b) => b.wh - a.wh);
    if (countries.length === 0) return Charts.empty("chart-energy", "No traffic in this period yet");
    Charts.energy("chart-energy", countries);
  }

  async function loadHealth() {
    const rows = (await api("/api/v1/deployments/health")).data.filter((d) => d.last_hour.attempts > 0);
    state.data.health = rows;
    const body = $("health-table").tBodies[0];
    body.replaceChildren(...rows.map(healthRow));
    if (rows.length === 0) return Charts.empty("chart-health", "No provider was called in the last hour");
    Charts.health("chart-health", rows);
  }

  function healthRow(d) {
    const tr = document.createElement("tr");
    const state = { healthy: "ok", probing: "warn", ejected: "bad" }[d.state] || "warn";
    const h = d.last_hour;
    const cells = [
      Fmt.el("td", d.deployment),
      Fmt.el("td"),
      Fmt.el("td", h.uptime == null ? "–" : h.uptime.toFixed(1) + "%", "num"),
      Fmt.el("td", Fmt.ms(h.first_token_ms && h.first_token_ms.p50), "num"),
      Fmt.el("td", h.tokens_per_second ? Math.round(h.tokens_per_second.p50) + " tok/s" : "–", "num"),
      Fmt.el("td", h.attempts, "num opt"),
    ];
    cells[1].append(Fmt.el("span", d.state, "badge " + state));
    tr.append(...cells);
    tr.dataset.deployment = d.deployment;
    return tr;
  }

  async function loadLog() {
    const after = state.lastLogId ? "&after=" + encodeURIComponent(state.lastLogId) : "";
    let rows;
    try {
      rows = (await api(`/api/v1/requests?limit=${LOG_ROWS}${after}`)).data;
      $("live-dot").classList.remove("paused");
    } catch (e) {
      $("live-dot").classList.add("paused");
      if (e.status === 401) signOut("Your key is no longer valid: " + e.message);
      return;
    }
    if (rows.length === 0) return;
    state.lastLogId = rows[0].id;
    const body = $("log-table").tBodies[0];
    const fresh = body.rows.length > 0;
    body.prepend(...rows.map((r) => logRow(r, fresh)));
    while (body.rows.length > LOG_ROWS) body.deleteRow(body.rows.length - 1);
  }

  function logRow(r, fresh) {
    const tr = document.createElement("tr");
    const ok = r.status >= 200 && r.status < 300 && !r.error_code;
    tr.append(
      Fmt.el("td", Fmt.time(r.at)),
      Fmt.el("td", r.app || "–"),
      Fmt.el("td", r.model || r.requested_model),
      Fmt.el("td", r.provider || "–", "opt"),
      Fmt.el("td", Fmt.tokens(r.total_tokens), "num"),
      Fmt.el("td", Fmt.usd(r.cost_micros / 1e6), "num"),
      Fmt.el("td", r.data_class, "class-" + r.data_class),
      Fmt.el("td"),
      Fmt.el("td", Fmt.ms(r.latency_ms), "num opt"));
    tr.cells[7].append(Fmt.el("span", r.error_code ? `${r.status} ${r.error_code}` : r.status, "badge " + (ok ? "ok" : "bad")));
    tr.dataset.id = r.id;
    if (fresh) tr.className = "fresh";
    return tr;
  }

  /** Reloads every chart; resolves once all have rendered (or shown why not). */
  async function refresh() {
    await Promise.all([
      card("chart-rankings", loadRankings),
      card("chart-origin", loadOrigin),
      card("chart-spend", loadSpend),
      card("chart-savings", loadSavings),
      card("chart-energy", loadEnergy),
      card("chart-health", loadHealth),
    ]);
    state.rendered += 1;
    document.body.dataset.rendered = String(state.rendered);
  }

  function snapshot() {
    const charts = {};
    ["rankings", "origin", "spend", "savings", "energy", "health"].forEach((c) => (charts[c] = Charts.snapshot("chart-" + c)));
    const log = [...$("log-table").tBodies[0].rows].map((tr) => tr.dataset.id);
    const health = [...$("health-table").tBodies[0].rows].map((tr) => [tr.dataset.deployment, Number(tr.cells[5].textContent)]);
    return { by: state.by, period: state.period, charts, log, health };
  }

  // --- wiring -------------------------------------------------------------------------------------

  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", () => signOut());
  $("period").addEventListener("change", (e) => {
    state.period = e.target.value;
    refresh();
  });
  /** Switches the rankings between models, authors and apps; resolves once the chart shows it. */
  function rankBy(by) {
    state.by = by;
    [...$("rankings-tabs").children].forEach((b) => b.setAttribute("aria-selected", String(b.dataset.by === by)));
    return card("chart-rankings", loadRankings);
  }

  $("rankings-tabs").addEventListener("click", (e) => {
    if (e.target.dataset && e.target.dataset.by) rankBy(e.target.dataset.by);
  });
  let relayout = null;
  window.addEventListener("resize", () => {
    Charts.resizeAll();
    // Label widths follow the chart's width: redraw once the resizing stops.
    clearTimeout(relayout);
    relayout = setTimeout(() => sessionStorage.getItem(STORAGE) && refresh(), 400);
  });
  // For the browser test (and the curious): reload and read back what the charts show.
  window.switchboardDashboard = { refresh, snapshot, rankBy };

  const saved = sessionStorage.getItem(STORAGE);
  if (saved) {
    api("/api/v1/key", saved).then((me) => start(me.data), () => signOut("Please sign in again."));
  } else {
    signOut();
  }
})();
