// The dashboards' charts (datasette-dashboards). plugins/site_links.py puts this script inline at
// the end of the dashboard page, so it runs before any chart is drawn (the charts wait for their
// data) and before Leaflet (a module, run once the page is parsed) is defined:
// - a chart whose query returns no row (a filter that selects nothing) says so instead of showing
//   an empty frame;
// - the map fits its markers with a margin and at most a province's zoom (one marker is not a
//   street map), and without markers says so instead of failing ("Bounds are not valid").
(function () {
  const EMPTY = '无数据 / No data for this choice';

  function note(className) {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = EMPTY;
    return p;
  }

  if (window.vegaEmbed && !window.vegaEmbed.jcWrapped) {
    const embed = window.vegaEmbed;
    window.vegaEmbed = function (el, spec, options) {
      const data = spec && spec.data;
      const values = data && (data.values || (Array.isArray(data) && data[0] && data[0].values));
      if (Array.isArray(values) && values.length === 0) {
        (typeof el === 'string' ? document.querySelector(el) : el).replaceChildren(note('jc-empty'));
        return Promise.resolve(null);
      }
      return embed(el, spec, options);
    };
    window.vegaEmbed.jcWrapped = true;
  }

  function fitMarkers(L) {
    if (!L || !L.Map || L.Map.prototype.jcFit) return;
    const fit = L.Map.prototype.fitBounds;
    L.Map.prototype.jcFit = true;
    L.Map.prototype.fitBounds = function (bounds, options) {
      const box = bounds instanceof L.LatLngBounds ? bounds : L.latLngBounds(bounds);
      const container = this.getContainer();
      if (!box.isValid()) {
        this.setView([35, 105], 3);
        container.parentNode.insertBefore(note('jc-empty jc-map-empty'), container);
        container.style.display = 'none';
        return this;
      }
      return fit.call(this, box, Object.assign({ padding: [24, 24], maxZoom: 7 }, options || {}));
    };
  }

  // Leaflet (datasette-leaflet) sets window.L once built: patch it then, before the map is drawn.
  let current = window.L;
  fitMarkers(current);
  Object.defineProperty(window, 'L', {
    configurable: true,
    get() { return current; },
    set(value) { current = value; fitMarkers(value); },
  });
})();
