// Letopis timeline: incidents per period stacked by type (SVG, no library), from /api/timeline with the page's
// filters. Drag across the bars (or click one) to choose a range of dates: it becomes the page's `from` and `to`
// filters, in the URL, and the page reloads with them, so the table, the map and the counts follow.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function day(text) { return Date.parse(text + "T00:00:00Z"); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function node(name, attributes, parent) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    if (parent) parent.appendChild(element);
    return element;
  }

  function draw(figure) {
    if (figure.dataset.drawn) return;
    figure.dataset.drawn = "loading";
    var words = JSON.parse(figure.querySelector(".timeline-words").textContent);
    var chart = figure.querySelector(".timeline-chart");
    var status = figure.querySelector(".timeline-status");
    var query = new URLSearchParams(window.location.search);
    query.set("by", figure.dataset.by || "month");
    fetch("/api/timeline?" + query.toString(), { credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error || String(response.status));
          return body;
        });
      })
      .then(function (timeline) { render(figure, chart, status, words, timeline); })
      .catch(function (error) { status.textContent = error.message; figure.dataset.drawn = "failed"; });
  }

  function render(figure, chart, status, words, timeline) {
    status.textContent = words.counted.replace("{total}", timeline.total).replace("{not_counted}", timeline.not_counted);
    if (!timeline.bars.length) {
      chart.textContent = words.empty;
      figure.dataset.drawn = "empty";
      return;
    }
    var width = Math.max(chart.clientWidth || 800, 320), height = 220;
    var left = 40, right = 10, top = 10, bottom = 26;
    var first = day(timeline.bars[0].start), last = day(timeline.bars[timeline.bars.length - 1].end) + DAY;
    // A chosen range is drawn whole, quiet days at its ends included.
    var chosen = new URLSearchParams(window.location.search);
    if (/^\d{4}-\d\d-\d\d$/.test(chosen.get("from") || "")) first = Math.min(first, day(chosen.get("from")));
    if (/^\d{4}-\d\d-\d\d$/.test(chosen.get("to") || "")) last = Math.max(last, day(chosen.get("to")) + DAY);
    var most = Math.max.apply(null, timeline.bars.map(function (bar) { return bar.total; }));
    var x = function (ms) { return left + (ms - first) / (last - first) * (width - left - right); };
    var y = function (count) { return top + (1 - count / most) * (height - top - bottom); };

    var svg = node("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                            "class": "timeline-svg" });
    // Axes: the count at the top, the first and last dates, and a few in between.
    node("line", { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, "class": "axis" }, svg);
    node("text", { x: left - 4, y: top + 8, "text-anchor": "end", "class": "tick" }, svg).textContent = String(most);
    node("text", { x: left - 4, y: height - bottom, "text-anchor": "end", "class": "tick" }, svg).textContent = "0";
    // Dates under the bars: the starts of up to seven periods, evenly chosen.
    var step = Math.max(1, Math.ceil(timeline.bars.length / 7));
    var size = timeline.by === "year" ? 4 : timeline.by === "month" ? 7 : 10;
    timeline.bars.forEach(function (bar, index) {
      if (index % step) return;
      var at = x(day(bar.start));
      node("text", { x: at, y: height - 8, "text-anchor": at > width - 70 ? "end" : "start", "class": "tick" }, svg)
        .textContent = bar.start.slice(0, size);
    });

    var bars = node("g", { "class": "bars" }, svg);
    timeline.bars.forEach(function (bar) {
      var x0 = x(day(bar.start)), x1 = x(day(bar.end) + DAY);
      var w = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
      var group = node("g", { "class": "bar", "data-start": bar.start, "data-end": bar.end, "data-total": bar.total }, bars);
      node("title", {}, group).textContent = bar.period + ": " + bar.total;
      var stacked = 0;
      timeline.types.forEach(function (type) {
        var count = bar.counts[type];
        if (!count) return;
        node("rect", { x: x0, width: w, y: y(stacked + count), height: y(stacked) - y(stacked + count),
                       "class": "segment type-" + type }, group);
        stacked += count;
      });
    });

    var brush = node("rect", { x: 0, y: top, width: 0, height: height - top - bottom, "class": "brush" }, svg);
    chart.textContent = "";
    chart.appendChild(svg);

    var legend = figure.querySelector(".timeline-legend");
    legend.textContent = "";
    timeline.types.forEach(function (type) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch type-" + type;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(words.types[type] || type));
      legend.appendChild(item);
    });

    // Brushing: the bars under the dragged span (or the one clicked) give the dates.
    var start = null;
    function local(event) {
      var box = svg.getBoundingClientRect();
      return (event.clientX - box.left) * width / box.width;
    }
    svg.addEventListener("pointerdown", function (event) {
      start = local(event);
      svg.setPointerCapture(event.pointerId);
      brush.setAttribute("x", start);
      brush.setAttribute("width", 0);
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (start === null) return;
      var now = local(event);
      brush.setAttribute("x", Math.min(start, now));
      brush.setAttribute("width", Math.abs(now - start));
    });
    svg.addEventListener("pointerup", function (event) {
      if (start === null) return;
      var a = Math.min(start, local(event)), b = Math.max(start, local(event));
      start = null;
      if (b - a < 3) { a -= 1; b += 1; }
      var chosen = timeline.bars.filter(function (bar) {
        return x(day(bar.end) + DAY) > a && x(day(bar.start)) < b;
      });
      if (!chosen.length) { brush.setAttribute("width", 0); return; }
      var url = new URL(window.location.href);
      url.searchParams.set("from", chosen[0].start);
      url.searchParams.set("to", chosen[chosen.length - 1].end);
      url.searchParams.delete("page");
      var panel = figure.closest("details");
      url.hash = panel && panel.id ? panel.id : "";  // a panel stays open on the page that follows
      window.location.assign(url.toString());
    });
    figure.dataset.drawn = "true";
  }

  document.querySelectorAll("[data-timeline]").forEach(function (figure) {
    var panel = figure.closest("details");
    if (!panel) { draw(figure); return; }
    if (panel.id && window.location.hash === "#" + panel.id) panel.open = true;
    if (panel.open) draw(figure);
    panel.addEventListener("toggle", function () { if (panel.open) draw(figure); });
  });
})();
