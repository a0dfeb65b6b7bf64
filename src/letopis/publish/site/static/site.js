// Letopis public site: the map, the timeline and their filters, over data files loaded as scripts (no fetch():
// a page opened from a folder as file:// may not read files with it). Everything it loads is in the site's folder.
(function () {
  "use strict";
  var rows = window.LETOPIS_ROWS || [], tables = window.LETOPIS_TABLES;
  var wordsElement = document.getElementById("site-words");
  if (!tables || !wordsElement) return;
  var words = JSON.parse(wordsElement.textContent);
  var form = document.getElementById("filters");
  var ID = 0, LAT = 1, LON = 2, TYPE = 3, REGION = 4, PLACE = 5, DATE = 6, PREC = 7;

  function fill(select, items) {
    items.map(function (item, index) { return { value: item[0], label: item[1], index: index }; })
      .sort(function (a, b) { return a.label.localeCompare(b.label); })
      .forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.value;
        option.textContent = item.label;
        select.appendChild(option);
      });
  }
  fill(form.elements.type, tables.types);
  fill(form.elements.region, tables.regions.filter(function (r) { return r[1]; }));

  // The filters live in the address's fragment, so a filtered view can be linked and survives a language switch.
  function readHash() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    ["type", "from", "to", "region"].forEach(function (name) { form.elements[name].value = params.get(name) || ""; });
  }
  function writeHash() {
    var params = new URLSearchParams();
    ["type", "from", "to", "region"].forEach(function (name) {
      if (form.elements[name].value) params.set(name, form.elements[name].value);
    });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    document.querySelectorAll("[data-switch=languages] a").forEach(function (link) {
      link.href = link.href.split("#")[0] + (hash ? "#" + hash : "");
    });
  }

  function matching() {
    var type = form.elements.type.value, from = form.elements.from.value, to = form.elements.to.value;
    var region = form.elements.region.value;
    var typeIndex = type ? tables.types.findIndex(function (t) { return t[0] === type; }) : -1;
    var regionIndex = region ? tables.regions.findIndex(function (r) { return r[0] === region; }) : -1;
    return rows.filter(function (row) {
      if (type && row[TYPE] !== typeIndex) return false;
      if (region && row[REGION] !== regionIndex) return false;
      if (from || to) {
        if (row[DATE] < 0) return false;
        var span = tables.dates[row[DATE]];  // [text, first day, last day]: the date overlaps the period
        if (from && span[2] < from) return false;
        if (to && span[1] > to) return false;
      }
      return true;
    });
  }

  function label(row) {
    var type = tables.types[row[TYPE]][1];
    var when = row[DATE] >= 0 ? tables.dates[row[DATE]][0] : words.unknown;
    var where = row[PLACE] >= 0 ? tables.places[row[PLACE]] : (row[REGION] >= 0 ? tables.regions[row[REGION]][1] : words.unknown);
    return { type: type, when: when, where: where };
  }

  function link(row) {
    var a = document.createElement("a");
    a.href = "incidents/" + row[ID] + ".html";
    var l = label(row);
    a.textContent = l.type + " · " + l.when + " · " + l.where;
    return a;
  }

  function start(row) { return row[DATE] >= 0 ? tables.dates[row[DATE]][1] || "" : ""; }

  function list(element, items, limit) {
    element.textContent = "";
    items.slice(0, limit).forEach(function (row) {
      var li = document.createElement("li");
      li.appendChild(link(row));
      element.appendChild(li);
    });
    if (items.length > limit) {
      var more = document.createElement("li");
      more.className = "muted";
      more.textContent = words.more.replace("{count}", items.length - limit);
      element.appendChild(more);
    }
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = words.no_incidents;
      element.appendChild(none);
    }
  }

  var count = document.getElementById("count"), unplacedNote = document.getElementById("unplaced");
  function counted(found) {
    count.textContent = words.shown.replace("{shown}", found.length).replace("{total}", rows.length);
    count.dataset.shown = String(found.length);
  }

  // ---------------------------------------------------------------- the map
  var mapElement = document.getElementById("map"), map = null, clusters = null, markers = {};
  function setUpMap() {
    map = L.map(mapElement, { minZoom: 2, maxZoom: 14, zoomSnap: 0.5 });
    map.setView([49.0, 32.0], 5);
    map.createPane("outlines").style.zIndex = 250;
    // The base map's outlines (a few MB) are loaded once the page has loaded, so they do not hold up the first view.
    window.addEventListener("load", function () {
      var script = document.createElement("script");
      script.src = mapElement.dataset.outlines;
      script.onload = function () { window.setTimeout(drawOutlines, 0); };
      document.head.appendChild(script);
    });
    // Markers go into the clusters in chunks (the page stays responsive with 100,000); the map says it is ready
    // once the last chunk is in (the clusters reach the map right after the callback, hence the timeout).
    clusters = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
      chunkProgress: function (processed, total) {
        if (processed === total) window.setTimeout(function () { mapElement.dataset.ready = "true"; }, 0);
      }
    });
    map.addLayer(clusters);
  }
  function drawOutlines() {
    var outlines = window.LETOPIS_OUTLINES;
    if (!outlines || !window.topojson) return;
    L.geoJSON(topojson.feature(outlines.world, outlines.world.objects.countries), {
      pane: "outlines", interactive: false,
      style: function () { return { weight: 0.8, color: "#8a96a3", fillColor: "#f4f1ea", fillOpacity: 1 }; }
    }).addTo(map);
    Object.keys(outlines.regions).forEach(function (code) {
      var topology = outlines.regions[code], name = Object.keys(topology.objects)[0];
      L.geoJSON(topojson.feature(topology, topology.objects[name]), {
        pane: "outlines", interactive: false,
        style: function () { return { weight: 0.6, color: "#a7b0ba", fill: false, dashArray: "3 2" }; }
      }).addTo(map);
    });
    mapElement.dataset.outlined = "true";
  }
  var icons = {};
  function icon(row) {
    var type = tables.types[row[TYPE]][0], precision = row[PREC] || 1, key = type + "/" + precision;
    if (!icons[key]) {
      var size = precision === 3 ? 20 : 14;
      icons[key] = L.divIcon({ className: "incident-marker type-" + type + " precision-" + precision, iconSize: [size, size] });
    }
    return icons[key];
  }
  function popup(row) {
    var l = label(row), box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = "#" + row[ID] + " · " + l.type;
    box.appendChild(title);
    [l.when, l.where + (row[PREC] ? " — " + (words["prec" + row[PREC]] || "") : "")].forEach(function (text) {
      var div = document.createElement("div");
      div.textContent = text;
      box.appendChild(div);
    });
    var a = document.createElement("a");
    a.href = "incidents/" + row[ID] + ".html";
    a.textContent = words.open;
    box.appendChild(a);
    return box;
  }
  function marker(row) {
    var id = row[ID];
    if (!markers[id]) {
      markers[id] = L.marker([row[LAT], row[LON]], { icon: icon(row), title: "#" + id + " " + label(row).where });
      markers[id].bindPopup(function () { return popup(row); });
    }
    return markers[id];
  }
  function drawMap(found) {
    var placed = found.filter(function (row) { return row[LAT] !== null && row[LON] !== null; });
    var unplaced = found.length - placed.length;
    unplacedNote.textContent = unplaced ? "(" + words.unplaced.replace("{count}", unplaced) + ")" : "";
    mapElement.dataset.ready = "false";
    clusters.clearLayers();
    var layers = placed.map(marker);
    mapElement.dataset.markers = String(layers.length);
    if (layers.length) {
      map.fitBounds(L.latLngBounds(layers.map(function (m) { return m.getLatLng(); })), { maxZoom: 9, padding: [20, 20], animate: false });
    }
    if (layers.length) clusters.addLayers(layers); else mapElement.dataset.ready = "true";
  }

  // ---------------------------------------------------------------- the timeline
  var timeline = document.getElementById("timeline");
  var monthFormat = new Intl.DateTimeFormat(words.lang, { year: "numeric", month: "short", timeZone: "UTC" });
  function monthName(key) { return monthFormat.format(new Date(key + "-01T00:00:00Z")); }
  function drawTimeline(found) {
    var months = {}, undated = 0;
    found.forEach(function (row) {
      var first = start(row);
      if (!first) { undated += 1; return; }
      (months[first.slice(0, 7)] = months[first.slice(0, 7)] || []).push(row);
    });
    var keys = Object.keys(months).sort(), top = Math.max.apply(null, keys.map(function (k) { return months[k].length; }).concat([1]));
    timeline.textContent = "";
    keys.forEach(function (key) {
      var bar = document.createElement("button");
      bar.type = "button";
      bar.className = "bar";
      bar.dataset.month = key;
      bar.title = key + ": " + months[key].length;
      var fillElement = document.createElement("span");
      fillElement.className = "fill";
      fillElement.style.height = Math.max(2, Math.round(100 * months[key].length / top)) + "%";
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = String(months[key].length);
      var m = document.createElement("span");
      m.className = "month";
      m.textContent = monthName(key);
      bar.appendChild(n); bar.appendChild(fillElement); bar.appendChild(m);
      bar.addEventListener("click", function () {
        document.getElementById("month-title").textContent = words.month_list.replace("{month}", monthName(key));
        list(document.getElementById("month-list"), months[key], 500);
      });
      timeline.appendChild(bar);
    });
    timeline.dataset.months = String(keys.length);
    document.getElementById("undated").textContent = undated ? words.undated.replace("{count}", undated) : "";
  }

  // The markers are drawn once the page has loaded (the page, its filters and list first; with 100,000
  // incidents making the markers takes a while, and they go into the clusters in chunks).
  var loaded = document.readyState === "complete", current = [];
  function update() {
    writeHash();
    var found = matching();
    current = found;
    counted(found);
    if (mapElement) {
      list(document.getElementById("latest"), found.slice().sort(function (a, b) {
        return start(b).localeCompare(start(a)) || b[ID] - a[ID];
      }), 50);
      if (map && loaded) drawMap(found);
    }
    if (timeline) drawTimeline(found);
  }
  readHash();
  if (mapElement && window.L) {
    setUpMap();
    window.addEventListener("load", function () {
      loaded = true;
      window.setTimeout(function () { drawMap(current); }, 0);
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  update();
})();
