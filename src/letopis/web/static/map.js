// Letopis map: the filtered incidents as clustered markers over an offline base map. Everything it loads comes
// from this app: Leaflet and Leaflet.markercluster and topojson-client (/vendor/…, installed by `npm ci`), the
// outlines (/vendor/world-atlas/…, /vendor/outlines/…), the incidents (/api/map/markers with the page's filters:
// compact rows [id, lat, lon, type code, precision]; a marker's card from /api/incidents/ID/card when opened).
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) return;
  var words = JSON.parse(document.getElementById("map-words").textContent);
  var status = document.getElementById("map-count");

  var map = L.map(element, { minZoom: 2, maxZoom: 14, worldCopyJump: false, zoomSnap: 0.5 });
  map.setView([49.0, 32.0], 5);

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || response.status + " " + response.statusText);
        return body;
      });
    });
  }

  // ---- the base layer: the opt-in tile server, else the outlines served by the app.
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || "", maxZoom: 19 }).addTo(map);
  } else {
    element.classList.add("offline");
    map.createPane("outlines").style.zIndex = 250;
    fetchJSON("/vendor/world-atlas/countries-50m.json").then(function (world) {
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        pane: "outlines", interactive: false,
        style: function () { return { className: "outline-country", weight: 0.8, color: "#8a96a3", fillColor: "#f4f1ea", fillOpacity: 1 }; }
      }).addTo(map);
      // The regions after the countries, so their lines lie on top.
      words.countries.forEach(function (code) {
        fetchJSON("/vendor/outlines/" + code + ".json").then(function (topology) {
          var name = Object.keys(topology.objects)[0];
          L.geoJSON(topojson.feature(topology, topology.objects[name]), {
            pane: "outlines", interactive: false,
            style: function () { return { className: "outline-region", weight: 0.6, color: "#a7b0ba", fill: false, dashArray: "3 2" }; }
          }).addTo(map);
        }).catch(function () { /* a country's regions missing leaves its outline: nothing to say */ });
      });
    }).catch(function (error) { status.textContent = words.failed.replace("{error}", error.message); });
  }

  // ---- the incidents.
  function shorten(text) { return text.length > 280 ? text.slice(0, 279) + "…" : text; }
  function line(box, className, text) {
    var element = document.createElement("div");
    if (className) element.className = className;
    element.textContent = text;
    box.appendChild(element);
    return element;
  }
  // A marker's card: its type at once, the rest (date and place written in the page's language, origins, the
  // summary in it) asked for when it opens, so the markers themselves carry five numbers each.
  function popup(id, type) {
    var box = document.createElement("div");
    box.className = "incident-popup";
    var title = document.createElement("strong");
    title.textContent = "#" + id + " · " + (words.types[type] || type);
    box.appendChild(title);
    var details = document.createElement("div");
    details.className = "popup-details";
    details.textContent = words.loading;
    box.appendChild(details);
    var summary = document.createElement("p");
    summary.className = "popup-summary";
    box.appendChild(summary);
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(id);
    link.textContent = words.open;
    box.appendChild(link);
    fetchJSON("/api/incidents/" + encodeURIComponent(id) + "/card").then(function (card) {
      details.textContent = "";
      line(details, "", card.date_text || words.unknown);  // written to its precision in the page's language
      var where = line(details, "", card.place_text || words.unknown);  // the gazetteer's name in the language
      if (card.geo_precision) {
        var precision = document.createElement("span");
        precision.className = "muted";
        precision.textContent = " — " + (words.precision[String(card.geo_precision)] || "");
        where.appendChild(precision);
      }
      line(details, "popup-origins",
           card.origins ? words.origins.replace("{origins}", String(card.origins)) : words.no_origins);
      summary.lang = card.summary_language;
      summary.textContent = shorten(card.summary_text);
      if (card.summary_generated) {  // written from the fields: marked so, the stored one in its title
        var badge = document.createElement("span");
        badge.className = "badge generated";
        badge.textContent = words.generated;
        badge.title = words.stored.replace("{language}", words.languages[card.summary_stored_language] || "") +
          ": " + shorten(card.summary);
        summary.insertBefore(document.createTextNode(" "), summary.firstChild);
        summary.insertBefore(badge, summary.firstChild);
      }
      summary.dataset.ready = "true";
    }).catch(function (error) {
      details.textContent = words.failed.replace("{error}", error.message);
      summary.dataset.ready = "true";
    });
    return box;
  }

  var icons = {};
  function icon(type, precision) {
    var key = type + "/" + precision;
    if (!icons[key]) {
      var size = precision === 3 ? 20 : 14;
      icons[key] = L.divIcon({ className: "incident-marker type-" + type + " precision-" + precision, iconSize: [size, size] });
    }
    return icons[key];
  }

  // A cluster shows its number on a ring of its types' colours (the legend's swatches hold the colours).
  var colours = {};
  document.querySelectorAll(".legend-types .swatch").forEach(function (swatch) {
    var type = Array.prototype.find.call(swatch.classList, function (name) { return name.indexOf("type-") === 0; });
    if (type) colours[type.slice(5)] = getComputedStyle(swatch).getPropertyValue("--c").trim();
  });
  function clusterIcon(cluster) {
    var counts = {}, total = 0;
    cluster.getAllChildMarkers().forEach(function (marker) {
      counts[marker.options.eventType] = (counts[marker.options.eventType] || 0) + 1;
      total += 1;
    });
    var stops = [], at = 0;
    Object.keys(counts).sort().forEach(function (type) {
      var share = counts[type] / total * 360;
      stops.push((colours[type] || "#777") + " " + at + "deg " + (at + share) + "deg");
      at += share;
    });
    var size = total < 10 ? 34 : total < 100 ? 40 : total < 1000 ? 46 : 54;
    var ring = document.createElement("div");
    ring.style.background = "conic-gradient(" + stops.join(", ") + ")";  // CSSOM, not a style attribute: the CSP allows it
    var number = document.createElement("span");
    number.textContent = String(total);
    ring.appendChild(number);
    return L.divIcon({ html: ring, className: "marker-cluster", iconSize: [size, size] });
  }

  var loaded = null;  // called once every marker is in the clusters (they are added in chunks)
  var clusters = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, iconCreateFunction: clusterIcon,
    // (the last chunk puts the clusters on the map right after this call, hence the timeout)
    chunkProgress: function (processed, total) { if (processed === total && loaded) window.setTimeout(loaded, 0); }
  });
  map.addLayer(clusters);
  fetchJSON("/api/map/markers" + window.location.search).then(function (collection) {
    var types = collection.types;
    var markers = collection.markers.map(function (row) {  // [id, lat, lon, type code, precision]
      var id = row[0], type = types[row[3]];
      var marker = L.marker([row[1], row[2]], { icon: icon(type, row[4] || 1), keyboard: true, eventType: type,
                                               title: "#" + id + " " + (words.types[type] || type) });
      marker.bindPopup(function () { return popup(id, type); });
      return marker;
    });
    var said = words.placed.replace("{count}", markers.length);
    if (collection.truncated) said += " — " + words.truncated.replace("{count}", markers.length);
    status.textContent = said;
    element.dataset.markers = String(markers.length);
    if (markers.length) {
      map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })),
                    { maxZoom: 9, padding: [20, 20], animate: false });  // no zoom animation under the clusters
    }
    loaded = function () { loaded = null; element.dataset.ready = "true"; };
    if (markers.length) clusters.addLayers(markers); else loaded();
  }).catch(function (error) {
    status.textContent = words.failed.replace("{error}", error.message);
    element.dataset.ready = "failed";
  });
})();
