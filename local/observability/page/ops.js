// The local ops page: renders the stack's CloudWatch dashboard body (same widgets, titles and
// 24-column layout) with Chart.js, and the locally evaluated alarms; refreshes every period.
/* global Chart */

// Twenty colours, so no two lines of one widget share one (the proposals widget has eleven).
const palette = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
  "#aec7e8",
  "#ffbb78",
  "#98df8a",
  "#ff9896",
  "#c5b0d5",
  "#c49c94",
  "#f7b6d2",
  "#393b79",
  "#dbdb8d",
  "#9edae5",
];
/** Said in place of a chart or list with nothing to show. */
const noData = "no data in this range";
const charts = new Map();
let dashboard;
/** What the page says about itself, once the dashboard is loaded. */
let about;

async function json(path) {
  const res = await fetch(path, { cache: "no-store" });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function time(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

// Just the Markdown the runbook widget uses: headings, bold, tables, paragraphs.
function markdown(text) {
  const root = el("div");
  let table;
  const inline = (s) => {
    const span = el("span");
    for (const part of s.split(/(\*\*[^*]+\*\*)/)) span.append(part.startsWith("**") ? el("strong", {}, part.slice(2, -2)) : part);
    return span;
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("|")) {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, "|"));
      if (cells.every((c) => /^-+$/.test(c))) continue;
      if (!table) root.append((table = el("table")));
      table.append(el("tr", {}, ...cells.map((c) => el(table.rows.length === 0 ? "th" : "td", {}, inline(c)))));
      continue;
    }
    table = undefined;
    if (line.startsWith("## ")) root.append(el("h2", {}, inline(line.slice(3))));
    else if (line.trim() !== "") root.append(el("p", {}, inline(line)));
  }
  return root;
}

function place(widget, node) {
  node.style.gridColumn = `${widget.x + 1} / span ${widget.width}`;
  node.style.gridRow = `${widget.y + 1} / span ${widget.height}`;
  return node;
}

function renderDashboard(meta) {
  const main = document.getElementById("dashboard");
  main.replaceChildren();
  meta.body.widgets.forEach((w, index) => {
    const props = w.properties;
    const node = place(
      w,
      el("section", { class: `widget ${w.type}`, "data-widget": String(index), "data-type": w.type, "data-state": "loading" }),
    );
    if (w.type === "metric") {
      node.append(
        el("h3", {}, props.title),
        el("div", { class: "chart" }, el("canvas"), el("p", { class: "empty", hidden: "" }, noData)),
        el("div", { class: "notes" }),
      );
    } else if (w.type === "text") {
      node.append(markdown(props.markdown));
      node.dataset.state = "data";
    } else if (w.type === "alarm") {
      node.append(el("h3", {}, props.title), el("ul"));
    } else if (w.type === "log") {
      node.append(el("h3", {}, props.title), el("div", { class: "notice" }, meta.logWidgetNotice), el("pre", {}, props.query));
      node.dataset.state = "unsupported";
    } else {
      node.append(el("div", { class: "notice" }, `Widget type ${w.type} is not rendered locally.`));
      node.dataset.state = "unsupported";
    }
    main.append(node);
  });
}

function chartConfig(widget, data) {
  const props = widget.properties;
  const labels = data.timestamps.map(time);
  const datasets = [];
  let colour = 0;
  for (const line of data.lines) {
    if (!line.visible || !line.points) continue;
    const byTime = new Map(line.points.map(([t, v]) => [t, v]));
    const c = palette[colour++ % palette.length];
    datasets.push({
      label: line.label,
      data: data.timestamps.map((t) => (byTime.has(t) ? byTime.get(t) : null)),
      yAxisID: line.yAxis === "right" ? "right" : "left",
      borderColor: c,
      backgroundColor: props.stacked ? `${c}99` : c,
      fill: props.stacked ? "stack" : false,
      pointRadius: 1.5,
      borderWidth: 1.5,
      spanGaps: false,
    });
  }
  for (const h of props.annotations?.horizontal ?? []) {
    datasets.push({
      label: h.label,
      data: data.timestamps.map(() => h.value),
      yAxisID: "left",
      borderColor: "#c62828",
      borderDash: [6, 4],
      borderWidth: 1,
      pointRadius: 0,
      fill: false,
      stack: "annotations",
    });
  }
  const axis = (a) => ({ beginAtZero: true, min: 0, stacked: !!props.stacked, title: { display: true, text: a?.label ?? "" } });
  const scales = { x: { ticks: { maxTicksLimit: 6, autoSkip: true } }, left: { position: "left", ...axis(props.yAxis?.left) } };
  if (props.yAxis?.right) scales.right = { position: "right", grid: { drawOnChartArea: false }, ...axis(props.yAxis.right) };
  return {
    type: "line",
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 10, font: { size: 10 } } } },
      scales,
    },
  };
}

async function refreshMetric(widget, index, node) {
  const data = await json(`/_ops/api/metrics?widget=${index}`);
  const config = chartConfig(widget, data);
  let chart = charts.get(index);
  if (chart) {
    chart.data = config.data;
    chart.update("none");
  } else {
    chart = new Chart(node.querySelector("canvas"), config);
    charts.set(index, chart);
  }
  const errors = data.lines.filter((l) => l.error);
  node.querySelector(".notes").replaceChildren(...errors.map((l) => el("p", { class: "note" }, `${l.label}: ${l.error}`)));
  const drawn = data.lines.filter((l) => l.visible && l.points && l.points.length > 0);
  const anyValue = drawn.some((l) => l.points.some(([, v]) => v !== null));
  node.dataset.state = errors.length > 0 ? "error" : anyValue ? "data" : "empty";
  node.dataset.series = String(drawn.length);
  node.querySelector(".empty").hidden = errors.length > 0 || anyValue;
}

function badge(state) {
  return el("span", { class: `state ${state}` }, state);
}

function renderAlarms(meta, alarms) {
  const byName = new Map(alarms.alarms.map((a) => [a.name, a]));
  const rows = alarms.alarms.map((a) =>
    el(
      "tr",
      { "data-alarm": a.name, "data-state": a.state },
      el("td", {}, badge(a.state)),
      el("td", {}, a.name),
      el("td", {}, a.thresholdText),
      el("td", {}, a.reason),
      el("td", {}, time(a.updatedAt)),
    ),
  );
  document.querySelector("#alarm-states tbody").replaceChildren(...rows);
  const history = alarms.history
    .slice(0, 50)
    .map((h) => el("li", {}, `${time(h.timestamp)}  ${h.name}: ${h.from} → ${h.to} (${h.reason})`));
  document.getElementById("alarm-history").replaceChildren(...(history.length ? history : [el("li", {}, "no state changes yet")]));
  meta.body.widgets.forEach((w, index) => {
    if (w.type !== "alarm") return;
    const node = document.querySelector(`[data-widget="${index}"]`);
    const items = w.properties.alarms.map((arn) => {
      const a = byName.get(meta.alarmNames[arn]);
      return el("li", {}, badge(a ? a.state : "INSUFFICIENT_DATA"), " ", meta.alarmNames[arn] ?? arn);
    });
    node.querySelector("ul").replaceChildren(...(items.length ? items : [el("li", { class: "empty" }, noData)]));
    node.dataset.state = "data";
  });
}

async function refresh() {
  try {
    const alarms = await json("/_ops/api/alarms");
    renderAlarms(dashboard, alarms);
    await Promise.all(
      dashboard.body.widgets.map((w, index) =>
        w.type === "metric" ? refreshMetric(w, index, document.querySelector(`[data-widget="${index}"]`)) : undefined,
      ),
    );
    document.body.dataset.refreshedAt = String(Date.now());
    document.getElementById("about").textContent = about;
  } catch (err) {
    // Said in place of the page's description until a refresh succeeds again.
    document.getElementById("about").textContent = `Refresh failed: ${err.message}`;
  }
}

async function start() {
  dashboard = await json("/_ops/api/dashboard");
  const p = dashboard.periodSeconds;
  about =
    `The stack's CloudWatch dashboard and alarms, fed by the local stack. ${p} s periods` +
    `${p === 60 ? " (as deployed)" : " (demo speed; deployed alarms use 60 s)"}; last ${dashboard.windowPeriods} periods; refreshes every ${Math.max(p, 2)} s.`;
  document.getElementById("about").textContent = about;
  renderDashboard(dashboard);
  await refresh();
  setInterval(refresh, Math.max(p, 2) * 1000);
}

start();
