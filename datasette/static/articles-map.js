// The map of a filtered articles page (templates/table-jiancha-articles.html): one circle per
// region, sized by its number of matching articles; a click filters the page to that region.
// The counts are the page's own facet by adcode (same filters and search), the coordinates those
// of the regions table; the map fits its circles.
const box = document.getElementById('jc-articles-map');

async function json(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function draw() {
  const facets = await json(box.dataset.facets);
  const counts = ((facets.facet_results || {}).adcode || {}).results || [];
  const codes = counts.map((r) => r.value).filter((v) => v);
  if (!codes.length) return;
  const url = new URL(box.dataset.regions, location.href);
  url.search = new URLSearchParams({ _shape: 'array', _size: 'max', _col: 'name', adcode__in: codes.join(',') }).toString();
  url.searchParams.append('_col', 'latitude');
  url.searchParams.append('_col', 'longitude');
  const regions = new Map((await json(url)).map((r) => [r.adcode, r]));
  const placed = counts.filter((r) => regions.has(r.value) && regions.get(r.value).latitude != null);
  if (!placed.length) return;
  box.hidden = false;
  const map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 18,
    attribution: '&copy; <a href="https://openstreetmap.org/copyright">OpenStreetMap contributors</a>',
  }).addTo(map);
  const most = Math.max(...placed.map((r) => r.count));
  const points = [];
  for (const r of placed) {
    const region = regions.get(r.value);
    const point = [region.latitude, region.longitude];
    points.push(point);
    const circle = L.circleMarker(point, { radius: 5 + 15 * Math.sqrt(r.count / most), color: '#1c6ea4', weight: 1, fillOpacity: 0.5 });
    const link = document.createElement('a');
    link.href = box.dataset.filter.replace('__ADCODE__', encodeURIComponent(r.value));
    link.textContent = `${region.name}: ${r.count} 篇 / article${r.count === 1 ? '' : 's'}`;
    circle.bindPopup(link);
    circle.addTo(map);
  }
  map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 8 });
  box.classList.add('jc-map-ready');
}

if (box && window.L) {
  draw().catch((e) => console.warn('articles map:', e));
}
