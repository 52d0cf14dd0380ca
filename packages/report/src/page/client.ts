// The page's script, inlined as text: it reads the JSON data element and draws the step charts
// (uPlot), the model picker, the drift chart and the sortable, filterable change table. Provider
// strings only ever go into the DOM through textContent and option text, never as markup.
// Plain ES2020 in a string (no template literals) so it runs as written in any current browser.
export const CLIENT_JS = `
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var FIELDS = D.fields;
  function epochSeconds(id) {
    return Date.UTC(+id.slice(0, 4), +id.slice(4, 6) - 1, +id.slice(6, 8), +id.slice(9, 11),
      +id.slice(11, 13), +id.slice(13, 15), +id.slice(16, 19)) / 1000;
  }
  var END = epochSeconds(D.range.to);
  var START = epochSeconds(D.range.from);
  var BASE = START * 1000;
  // An epoch index back to its id: its time, then its sequence number.
  function epochId(k) {
    return new Date(BASE + D.epochs[k]).toISOString().replace(/[-:]/g, "") + "-" + (D.epochSeq[k] || "0000");
  }
  // One model's series, decoded when it is shown: field index -> [[t, value, epoch index], ...].
  function modelSeries(m) {
    var out = {}, fs = D.series[m] || [];
    for (var i = 0; i < fs.length; i++) {
      var s = fs[i], pts = [];
      for (var j = 1; j < s.length; j += 2) pts.push([(BASE + D.epochs[s[j]]) / 1000, s[j + 1], s[j]]);
      out[s[0]] = pts;
    }
    return out;
  }
  var stepped = uPlot.paths.stepped({ align: 1 });
  var COLORS = ["#2f6fdf", "#d9480f", "#2b8a3e", "#862e9c", "#e67700", "#c92a2a"];

  function relText(r) {
    if (r === null || !isFinite(r)) return "";
    return (r >= 0 ? "+" : "") + (r * 100).toFixed(1) + "%";
  }
  function fmt(v) {
    if (v === null || v === undefined) return "-";
    return Math.abs(v) >= 1000 ? v.toLocaleString("en-US") : String(+v.toPrecision(6));
  }
  function width(el) { return Math.max(320, el.clientWidth || 900); }

  // Aligned step data for some of a model's fields: x is every change time plus the range's ends.
  function stepData(ms, fields) {
    var per = fields.map(function (f) { return ms[f]; });
    var xs = [START, END];
    per.forEach(function (p) { p.forEach(function (q) { xs.push(q[0]); }); });
    xs = Array.from(new Set(xs)).sort(function (a, b) { return a - b; });
    var epochAt = {};
    epochAt[END] = D.range.to;
    var ys = per.map(function (p) {
      var out = new Array(xs.length), k = 0, cur = null;
      for (var x = 0; x < xs.length; x++) {
        while (k < p.length && p[k][0] <= xs[x]) {
          cur = p[k][1];
          epochAt[p[k][0]] = epochId(p[k][2]);
          k++;
        }
        out[x] = cur;
      }
      return out;
    });
    return { data: [xs].concat(ys), epochAt: epochAt };
  }

  var hover = document.getElementById("hover");
  // A chart of the fields pick() accepts, labelled without the prefix; redrawn for each model.
  function chart(el, title, pick, prefix, none) {
    var holder = { plot: null, epochAt: {} };
    var labels = [], unit = "";
    function opts() {
      return {
        title: title, width: width(el), height: 240,
        scales: { x: { time: true } },
        series: [{}].concat(labels.map(function (l, n) {
          return { label: l, stroke: COLORS[n], width: 2, paths: stepped, spanGaps: false,
            value: function (u, v) { return fmt(v); } };
        })),
        axes: [{}, { size: 96, values: function (u, vs) { return vs.map(fmt); } }],
        hooks: { setCursor: [function (u) {
          var idx = u.cursor.idx;
          if (idx === null || idx === undefined) return;
          var x = u.data[0][idx];
          var parts = [];
          for (var n = 1; n < u.data.length; n++) {
            var v = u.data[n][idx];
            var prev = null;
            for (var b = idx - 1; b >= 0; b--) if (u.data[n][b] !== v) { prev = u.data[n][b]; break; }
            var rel = prev !== null && v !== null && prev !== 0 ? (v - prev) / prev : null;
            parts.push(labels[n - 1] + " " + fmt(v) + unit + (rel === null ? "" : " (" + relText(rel) + ")"));
          }
          hover.textContent = "epoch " + (holder.epochAt[x] || "(no change)") + " at " +
            new Date(x * 1000).toISOString() + ": " + parts.join("; ");
        }] },
      };
    }
    holder.show = function (model) {
      var ms = modelSeries(model);
      var fields = Object.keys(ms).map(Number).filter(function (f) { return pick(D.fields[f]); });
      fields.sort(function (a, b) { return D.fields[a] < D.fields[b] ? -1 : 1; });
      labels = fields.map(function (f) { return D.fields[f].slice(prefix.length); });
      if (holder.plot) holder.plot.destroy();
      holder.plot = null;
      el.textContent = "";
      if (fields.length === 0) {
        el.textContent = none;
        return;
      }
      var sd = stepData(ms, fields);
      holder.epochAt = sd.epochAt;
      holder.plot = new uPlot(opts(), sd.data, el);
    };
    return holder;
  }

  // Prices as the provider reports them: OpenRouter's are USD per token, others' per million.
  var price = chart(document.getElementById("price-chart"), "Prices (as reported)",
    function (f) { return f.indexOf("pricing.") === 0; }, "pricing.", "No price reported for this model.");
  var context = chart(document.getElementById("context-chart"), "Context window (tokens)",
    function (f) { return f.indexOf("pricing.") !== 0; }, "", "No context window reported for this model.");

  var picker = document.getElementById("model-picker");
  var filter = document.getElementById("model-filter");
  var count = document.getElementById("model-count");
  function fillPicker() {
    var q = filter.value.toLowerCase();
    var chosen = picker.value;
    picker.textContent = "";
    var shown = 0;
    for (var m = 0; m < D.models.length; m++) {
      if (q && D.models[m].toLowerCase().indexOf(q) < 0) continue;
      var o = document.createElement("option");
      o.value = String(m);
      o.textContent = D.models[m];
      picker.appendChild(o);
      shown++;
    }
    if (chosen && picker.querySelector("option[value='" + chosen + "']")) picker.value = chosen;
    count.textContent = shown + " of " + D.models.length + " models";
  }
  function showModel() {
    if (picker.value === "") return;
    var m = +picker.value;
    price.show(m);
    context.show(m);
    document.body.setAttribute("data-model", D.models[m]);
  }
  fillPicker();
  if (D.models.length > 0) {
    picker.value = String(D.initial);
    showModel();
  }
  picker.addEventListener("change", showModel);
  filter.addEventListener("input", function () { fillPicker(); showModel(); });

  // Drift: events per day, stacked by severity (each series is its severity and all above it).
  (function () {
    var el = document.getElementById("drift-chart");
    var days = D.drift.days.map(function (d) { return Date.parse(d + "T00:00:00Z") / 1000; });
    if (days.length === 0) {
      el.textContent = "No events in this range.";
      el.className = "muted";
      return;
    }
    var sev = D.drift.severities, ys = [], series = [{}];
    // Filled steps, not uPlot's bars: over a year of days, six bar series cost a few hundred ms
    // to draw, steps a few.
    var steps = uPlot.paths.stepped({ align: 1 });
    for (var k = 0; k < sev.length; k++) {
      var row = days.map(function (_, d) {
        var sum = 0;
        for (var j = k; j < sev.length; j++) sum += D.drift.counts[j][d];
        return sum;
      });
      ys.push(row);
      series.push({ label: sev[k], fill: ["#adb5bd", "#74c0fc", "#ffd43b", "#ffa94d", "#ff6b6b", "#c92a2a"][k],
        stroke: "#495057", width: 0, paths: steps,
        value: (function (kk) { return function (u, v, si, idx) {
          return idx === null || idx === undefined ? "-" : String(D.drift.counts[kk][idx] || 0);
        }; })(k) });
    }
    // Each day's step runs to the next day: a zero day after the last closes it.
    days = days.concat([days[days.length - 1] + 86400]);
    ys = ys.map(function (r) { return r.concat([0]); });
    new uPlot({ title: "Events per day by severity", width: width(el), height: 220,
      scales: { x: { time: true } }, series: series }, [days].concat(ys), el);
  })();

  // The change table: obs-diff's rows, sortable by any column, filtered by text.
  (function () {
    var rows = D.changes;
    var tbody = document.querySelector("#change-table tbody");
    var cf = document.getElementById("change-filter");
    var cc = document.getElementById("change-count");
    var key = 0, dir = 1, LIMIT = 200;
    function cell(v) { return v === null || v === undefined ? "" : String(v); }
    function render() {
      var q = cf.value.toLowerCase();
      var kept = q ? rows.filter(function (r) {
        return (r[0] + " " + r[1] + " " + r[2] + " " + cell(r[3]) + " " + cell(r[4])).toLowerCase().indexOf(q) >= 0;
      }) : rows.slice();
      kept.sort(function (a, b) {
        var x = a[key], y = b[key];
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
        return (String(x) < String(y) ? -1 : 1) * dir;
      });
      var frag = document.createDocumentFragment();
      kept.slice(0, LIMIT).forEach(function (r) {
        var tr = document.createElement("tr");
        [r[0], r[1], r[2], cell(r[3]), cell(r[4]), relText(r[5])].forEach(function (v) {
          var td = document.createElement("td");
          td.textContent = v;
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      });
      tbody.textContent = "";
      tbody.appendChild(frag);
      cc.textContent = (kept.length > LIMIT ? "first " + LIMIT + " of " : "") + kept.length +
        " of " + rows.length + " changes";
    }
    document.querySelectorAll("#change-table th").forEach(function (th) {
      th.addEventListener("click", function () {
        var k = +th.getAttribute("data-k");
        dir = k === key ? -dir : 1;
        key = k;
        render();
      });
    });
    cf.addEventListener("input", render);
    render();
  })();
  // Interactive: the script is done and the frame it changed has been laid out and painted (the
  // next animation frame, then a task after it). In ms since navigation began; the bench reads it.
  requestAnimationFrame(function () {
    setTimeout(function () {
      document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
      document.body.setAttribute("data-ready", "1");
    }, 0);
  });
})();
`;
