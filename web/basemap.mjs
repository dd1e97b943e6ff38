// The map's base layer: country borders and names from Natural Earth (1:10m, the world-atlas package's
// countries-10m.json), served by the page itself from vendor/ (scripts/vendor-web.mjs copies it there at build
// time). Loaded once, on first use, and converted from TopoJSON with topojson-client.
import { feature } from './vendor/topojson-client/index.js';

const ATLAS_URL = new URL('./vendor/world-atlas/countries-10m.json', import.meta.url);

let loading = null;
let loaded = null;
let failure = null;

// Longitude/latitude bounds of a GeoJSON geometry, as [minLon, minLat, maxLon, maxLat] (planar: a country
// across the antimeridian simply spans all longitudes).
function bounds(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring) => {
    for (const [lon, lat] of ring) {
      if (lon < box[0]) box[0] = lon;
      if (lon > box[2]) box[2] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lat > box[3]) box[3] = lat;
    }
  };
  if (geometry?.type === 'Polygon') geometry.coordinates.forEach(visit);
  else if (geometry?.type === 'MultiPolygon') geometry.coordinates.forEach((polygon) => polygon.forEach(visit));
  return box;
}

// Resolves to [{name, id, feature, bounds}], one per country; rejects when the file cannot be had.
export function loadCountries() {
  if (!loading) {
    loading = fetch(ATLAS_URL, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`${ATLAS_URL.pathname}: HTTP ${response.status}`);
        return response.json();
      })
      .then((topology) => {
        const collection = feature(topology, topology.objects.countries);
        loaded = collection.features
          .filter((f) => f.geometry)
          .map((f) => ({ name: String(f.properties?.name ?? ''), id: String(f.id ?? ''), feature: f, bounds: bounds(f.geometry) }));
        return loaded;
      })
      .catch((error) => {
        failure = error;
        throw error;
      });
  }
  return loading;
}

// The countries if they are loaded, else null (and the reason, if loading failed).
export function countriesNow() {
  return loaded;
}

export function baseLayerFailure() {
  return failure;
}
