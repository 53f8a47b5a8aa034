"use strict";
// Number formats and safe DOM building for the dashboard. Text from the ledger (model, app names:
// an app names itself in a header) only ever reaches the page as text, never as HTML.
const Fmt = (() => {
  const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat("en");

  function tokens(n) {
    return n >= 10000 ? compact.format(n) : whole.format(n);
  }

  /** US dollars with enough digits to show small amounts (a request costs fractions of a cent). */
  function usd(x) {
    if (x === 0) return "$0";
    const abs = Math.abs(x);
    const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
    return "$" + x.toFixed(digits);
  }

  /** A short dollar figure for chart axes: two significant digits below a dollar. */
  function usdAxis(x) {
    if (x === 0) return "$0";
    return Math.abs(x) >= 1 ? "$" + x.toFixed(Math.abs(x) >= 100 ? 0 : 2) : "$" + Number(x.toPrecision(2));
  }

  function percent(share) {
    return share == null ? "–" : (share * 100).toFixed(share < 0.1 ? 1 : 0) + "%";
  }

  function ms(x) {
    if (x == null) return "–";
    return x >= 1000 ? (x / 1000).toFixed(2) + " s" : Math.round(x) + " ms";
  }

  function wh(x) {
    if (x >= 1000) return (x / 1000).toFixed(2) + " kWh";
    return x >= 10 ? x.toFixed(0) + " Wh" : x.toFixed(2) + " Wh";
  }

  function grams(x) {
    return x >= 1000 ? (x / 1000).toFixed(2) + " kg" : x.toFixed(1) + " g";
  }

  function time(iso) {
    const d = new Date(iso);
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  /** An element with text content and optional class name. */
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  /** Escapes text for ECharts tooltips, which are HTML. */
  function html(text) {
    return echarts.format.encodeHTML(String(text));
  }

  /** Puts child nodes into {@code node} in place of its text (strong parts stand out). */
  function headline(node, parts) {
    node.replaceChildren(
      ...parts.map((p) => (typeof p === "string" ? document.createTextNode(p) : el(p.tag || "strong", p.text, p.className))));
  }

  return { tokens, usd, usdAxis, percent, ms, wh, grams, time, el, html, headline };
})();
