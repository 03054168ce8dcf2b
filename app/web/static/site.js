// The explorer's only script, loaded deferred on every page; every page reads fine without it.
// - figure[data-chart]: draws the /v1 timeline(s) named in data-series with uPlot, plus the same numbers
//   as a table (for screen readers and for checking).
// - button[data-copy]: copies the text of the element with that id (the citation).
(function () {
  "use strict";

  var COLOURS = ["#1d4ed8", "#b91c1c", "#15803d", "#b45309", "#6d28d9", "#0e7490"];
  var DAY = 86400;

  function periodStart(period) {
    var parts = period.split("-");
    return Date.UTC(Number(parts[0]), parts[1] ? Number(parts[1]) - 1 : 0, 1) / 1000;
  }

  function load(spec, kind, lines) {
    return fetch(spec.url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(spec.url + " answered " + response.status); }
        return response.json();
      })
      .then(function (body) {
        body.buckets.forEach(function (bucket) {
          var label = kind === "by-speaker" ? bucket.speaker.name : spec.label;
          var counts = lines.get(label) || new Map();
          counts.set(bucket.period, (counts.get(bucket.period) || 0) + bucket.count);
          lines.set(label, counts);
        });
      });
  }

  function table(periods, labels, lines) {
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = "The chart's numbers as a table";
    details.appendChild(summary);
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    ["Month"].concat(labels).forEach(function (text) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      head.appendChild(th);
    });
    var body = t.createTBody();
    periods.forEach(function (period) {
      var row = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = period;
      row.appendChild(th);
      labels.forEach(function (label) { row.insertCell().textContent = String(lines.get(label).get(period) || 0); });
    });
    details.appendChild(t);
    return details;
  }

  function draw(figure, lines, maxSeries) {
    var labels = Array.from(lines.keys()).map(function (label) {
      var total = 0;
      lines.get(label).forEach(function (n) { total += n; });
      return { label: label, total: total };
    }).sort(function (a, b) { return b.total - a.total; }).slice(0, maxSeries).map(function (s) { return s.label; });
    var periodSet = new Set();
    labels.forEach(function (label) { lines.get(label).forEach(function (_, period) { periodSet.add(period); }); });
    var periods = Array.from(periodSet).sort();
    if (!periods.length) {
      var none = document.createElement("p");
      none.textContent = "No positions to chart.";
      figure.insertBefore(none, figure.firstChild);
      return;
    }
    var plot = document.createElement("div");
    plot.className = "plot";
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", "Line chart of positions per month for " + labels.join(", ") +
      ". The same numbers are in the table below the chart.");
    figure.insertBefore(plot, figure.firstChild);
    var data = [periods.map(periodStart)].concat(labels.map(function (label) {
      return periods.map(function (period) { return lines.get(label).get(period) || 0; });
    }));
    var series = [{ label: "Month" }].concat(labels.map(function (label, i) {
      var colour = COLOURS[i % COLOURS.length];
      return { label: label, stroke: colour, width: 2, points: { show: true, size: 7, fill: colour } };
    }));
    var xs = data[0];
    var pad = xs.length > 1 ? 15 * DAY : 45 * DAY;
    var xRange = [xs[0] - pad, xs[xs.length - 1] + pad];
    var width = Math.max(280, Math.min(figure.clientWidth || 720, 1100));
    var chart = new window.uPlot({
      width: width,
      height: 260,
      series: series,
      scales: {
        x: { time: true, range: function () { return xRange; } },
        y: { range: function (_u, _min, max) { return [0, Math.max(1, max) * 1.15]; } }
      },
      axes: [
        { stroke: "#1a1a1a" },
        { stroke: "#1a1a1a", label: "positions", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }
      ]
    }, data, plot);
    figure.appendChild(table(periods, labels, lines));
    window.addEventListener("resize", function () {
      chart.setSize({ width: Math.max(280, Math.min(figure.clientWidth || 720, 1100)), height: 260 });
    });
  }

  function chart(figure) {
    if (typeof window.uPlot !== "function") { return; }
    var specs = JSON.parse(figure.getAttribute("data-series") || "[]");
    var kind = figure.getAttribute("data-chart");
    var maxSeries = Number(figure.getAttribute("data-max-series") || 6);
    var lines = new Map();
    Promise.all(specs.map(function (spec) { return load(spec, kind, lines); }))
      .then(function () { draw(figure, lines, maxSeries); })
      .catch(function (error) {
        var note = document.createElement("p");
        note.textContent = "The chart could not be drawn (" + error.message + "); the link below has its data.";
        figure.insertBefore(note, figure.firstChild);
      });
  }

  function copyButton(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      var done = function (message) { if (status) { status.textContent = message; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () { done("Copied."); },
          function () { selectText(source); done("Selected: press Ctrl+C (⌘C) to copy."); }
        );
      } else {
        selectText(source);
        done("Selected: press Ctrl+C (⌘C) to copy.");
      }
    });
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.querySelectorAll("figure[data-chart]").forEach(chart);
  document.querySelectorAll("button[data-copy]").forEach(copyButton);
})();
