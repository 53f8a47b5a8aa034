"use strict";
// ECharts options for each card. Series carry the API's numbers unrounded (tokens, USD from
// micro-dollars, Wh): labels and tooltips format them; the browser test reads them back.
const Charts = (() => {
  const PALETTE = ["#3b5bdb", "#12b886", "#f59f00", "#e64980", "#7048e8", "#15aabf", "#82c91e",
    "#fd7e14", "#868e96", "#be4bdb", "#40c057", "#fa5252"];
  const CLASS_COLORS = { public: "#2f9e44", internal: "#1c7ed6", confidential: "#f08c00", regulated: "#c92a2a" };
  const BASE = { color: PALETTE, textStyle: { fontFamily: "system-ui, sans-serif" }, animationDuration: 400 };
  const instances = new Map();

  /** The chart in element {@code id}, made on first use; resized with the window. */
  function chart(id) {
    if (!instances.has(id)) {
      instances.set(id, echarts.init(document.getElementById(id), null, { renderer: "canvas" }));
    }
    return instances.get(id);
  }

  function resizeAll() {
    instances.forEach((c) => c.resize());
  }

  function show(id, option) {
    chart(id).setOption(Object.assign({}, BASE, option), true);
  }

  /** An empty chart says why instead of showing blank axes. */
  function empty(id, message) {
    show(id, { title: { text: message, left: "center", top: "middle", textStyle: { color: "#667085", fontSize: 13, fontWeight: 400 } }, series: [] });
  }

  function tooltipRows(title, rows) {
    return "<b>" + Fmt.html(title) + "</b><br>" + rows.map(([k, v]) => Fmt.html(k) + ": " + Fmt.html(v)).join("<br>");
  }

  /** Horizontal bars of the top items by tokens, the largest on top. */
  function rankings(id, items) {
    const top = items.slice(0, 12).reverse();
    show(id, {
      grid: categoryGrid(id, 8, 56),
      xAxis: { type: "value", axisLabel: { formatter: Fmt.tokens, hideOverlap: true } },
      yAxis: { type: "category", data: top.map((i) => i.name), axisLabel: { width: labelWidth(id), overflow: "truncate" } },
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const i = top[p.dataIndex];
          return tooltipRows(i.name, [["tokens", Fmt.tokens(i.tokens)], ["share", Fmt.percent(i.share)],
            ["requests", i.requests], ["change", i.change == null ? "new" : Fmt.percent(i.change)]]);
        },
      },
      series: [{
        name: "tokens", type: "bar", data: top.map((i) => i.tokens), barMaxWidth: 22,
        label: { show: true, position: "right", formatter: (p) => Fmt.percent(top[p.dataIndex].share) },
      }],
    });
  }

  /** A donut of tokens by the country the model comes from. */
  function origin(id, items) {
    show(id, {
      tooltip: { trigger: "item", formatter: (p) => tooltipRows(p.name, [["tokens", Fmt.tokens(p.value)], ["share", p.percent + "%"]]) },
      legend: { bottom: 0, type: "scroll" },
      series: [{
        name: "origin", type: "pie", radius: ["42%", "70%"], center: ["50%", "45%"],
        // On a phone the legend names the slices; labels beside them would be cut.
        label: { show: document.getElementById(id).clientWidth > 480, formatter: "{b} {d}%" },
        data: items.map((i) => ({ name: i.name, value: i.tokens })),
      }],
    });
  }

  /** Stacked bars: cost per day, one series per data class. */
  function spend(id, days, classes, costOf) {
    show(id, {
      grid: { left: 8, right: 12, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis", valueFormatter: Fmt.usd },
      xAxis: { type: "category", data: days },
      yAxis: { type: "value", axisLabel: { formatter: Fmt.usdAxis } },
      series: classes.map((c) => ({
        name: c, type: "bar", stack: "spend", barMaxWidth: 48, color: CLASS_COLORS[c],
        data: days.map((d) => costOf(d, c)),
      })),
    });
  }

  /** What each model cost, next to what the same tokens would have cost at the baseline. */
  function savings(id, models, baselineName) {
    show(id, {
      grid: categoryGrid(id, 30, 24),
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis", valueFormatter: Fmt.usd },
      xAxis: { type: "value", axisLabel: { formatter: Fmt.usdAxis, hideOverlap: true } },
      yAxis: { type: "category", data: models.map((m) => m.model), axisLabel: { width: labelWidth(id), overflow: "truncate" } },
      series: [
        { name: "paid", type: "bar", data: models.map((m) => m.cost), color: "#12b886" },
        { name: "at " + baselineName, type: "bar", data: models.map((m) => m.baseline_cost), color: "#ced4da" },
      ],
    });
  }

  /** Energy (Wh) and its electricity cost per provider country. */
  function energy(id, countries) {
    show(id, {
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" },
      tooltip: {
        trigger: "axis",
        formatter: (ps) => {
          const c = countries[ps[0].dataIndex];
          return tooltipRows(c.country, [["energy", Fmt.wh(c.wh)], ["electricity", Fmt.usd(c.cost)],
            ["CO₂", Fmt.grams(c.co2_grams)], ["price", "$" + c.price_usd_per_kwh + "/kWh"], ["grid", c.grid_g_per_kwh + " g/kWh"]]);
        },
      },
      xAxis: { type: "category", data: countries.map((c) => c.country) },
      yAxis: [{ type: "value", name: "Wh", axisLabel: { formatter: Fmt.wh } },
        { type: "value", name: "USD", axisLabel: { formatter: Fmt.usdAxis }, splitLine: { show: false } }],
      series: [
        { name: "energy (Wh)", type: "bar", barMaxWidth: 40, data: countries.map((c) => c.wh) },
        { name: "electricity cost", type: "bar", barMaxWidth: 40, yAxisIndex: 1, color: "#f59f00", data: countries.map((c) => c.cost) },
      ],
    });
  }

  /** Time to first token at the median (bars) and uptime (dots), per busy deployment. */
  function health(id, rows) {
    const shown = rows.slice(0, 12).reverse();
    const h = (r) => r.last_hour;
    show(id, {
      grid: categoryGrid(id, 46, 24),
      legend: { top: 0, type: "scroll" },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (ps) => {
          const r = shown[ps[0].dataIndex];
          return tooltipRows(r.deployment, [["first token p50", Fmt.ms(h(r).first_token_ms && h(r).first_token_ms.p50)],
            ["uptime", h(r).uptime == null ? "–" : h(r).uptime + "%"], ["attempts", h(r).attempts]]);
        },
      },
      yAxis: { type: "category", data: shown.map((r) => r.deployment), axisLabel: { width: labelWidth(id), overflow: "truncate" } },
      xAxis: [{ type: "value", position: "bottom", axisLabel: { hideOverlap: true, formatter: Fmt.ms } },
        { type: "value", position: "top", min: 0, max: 100, splitLine: { show: false }, axisLabel: { formatter: "{value}%" } }],
      series: [
        { name: "first token p50 (ms)", type: "bar", barMaxWidth: 14, data: shown.map((r) => (h(r).first_token_ms ? h(r).first_token_ms.p50 : null)) },
        { name: "uptime (%)", type: "scatter", xAxisIndex: 1, symbolSize: 9, color: "#f59f00", data: shown.map((r) => h(r).uptime) },
      ],
    });
  }

  /** Room on the left for category labels of at most {@link labelWidth}. */
  function categoryGrid(id, top, right) {
    return { left: labelWidth(id) + 12, right, top, bottom: 28, containLabel: false };
  }

  /** Category labels take at most a third of a narrow chart (a phone), 220 px on a laptop. */
  function labelWidth(id) {
    return Math.min(220, Math.round(document.getElementById(id).clientWidth * 0.34));
  }

  /** The numbers each chart shows now, read back from ECharts (for the browser test). */
  function snapshot(id) {
    if (!instances.has(id)) return null;
    const option = instances.get(id).getOption();
    const axis = (option.yAxis && option.yAxis[0] && option.yAxis[0].data) || (option.xAxis && option.xAxis[0] && option.xAxis[0].data) || null;
    return { axis, series: (option.series || []).map((s) => ({ name: s.name, data: s.data })) };
  }

  return { rankings, origin, spend, savings, energy, health, empty, snapshot, resizeAll, CLASS_COLORS };
})();
