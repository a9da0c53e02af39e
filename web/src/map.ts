// The map draws from the system's own data over a basemap that needs no network: a grid and a
// simplified outline of Seoul shipped with the app. A tile server, when configured at build time
// (VITE_TILE_URL, an OpenStreetMap-style raster URL), adds real streets where it can be reached.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import outline from './seoul.json';
import type { Place, Position } from './api';

const SEOUL: L.LatLngTuple = [37.5563, 126.9780];

class Grid extends L.GridLayer {
  override createTile(): HTMLElement {
    const tile = document.createElement('div');
    tile.className = 'grid-tile';
    return tile;
  }
}

export interface TaxiMap {
  map: L.Map;
  place(name: 'pickup' | 'dropoff', place: Place | null): void;
  taxi(id: string, position: Position | null, label?: string): void;
  fit(): void;
}

export function taxiMap(container: HTMLElement, onTap?: (lat: number, lng: number) => void): TaxiMap {
  const map = L.map(container, { zoomControl: true, attributionControl: true }).setView(SEOUL, 12);
  new Grid({ tileSize: 128 }).addTo(map);
  L.geoJSON(outline as GeoJSON.FeatureCollection, {
    style: feature => feature?.properties?.kind === 'river'
      ? { color: '#4a90c2', weight: 6, opacity: 0.6 }
      : { color: '#5b6770', weight: 2, fillColor: '#eef1f3', fillOpacity: 0.5 },
  }).addTo(map);
  const tiles = import.meta.env.VITE_TILE_URL as string | undefined;
  if (tiles) {
    L.tileLayer(tiles, { attribution: '&copy; OpenStreetMap contributors', maxZoom: 19 }).addTo(map);
  }
  if (onTap) {
    map.on('click', event => onTap(event.latlng.lat, event.latlng.lng));
  }
  const places = new Map<string, L.CircleMarker>();
  const taxis = new Map<string, L.CircleMarker>();
  return {
    map,
    place(name, place) {
      places.get(name)?.remove();
      places.delete(name);
      if (place) {
        places.set(name, L.circleMarker([place.lat, place.lng], {
          radius: 9, color: name === 'pickup' ? '#0a7d32' : '#b3261e', fillOpacity: 0.9,
        }).bindTooltip(place.address ?? name).addTo(map));
      }
    },
    taxi(id, position, label) {
      if (!position) {
        taxis.get(id)?.remove();
        taxis.delete(id);
        return;
      }
      const marker = taxis.get(id);
      if (marker) {
        marker.setLatLng([position.lat, position.lng]);
      } else {
        taxis.set(id, L.circleMarker([position.lat, position.lng], { radius: 8, color: '#111', fillColor: '#f5c400', fillOpacity: 1 })
          .bindTooltip(label ?? id).addTo(map));
      }
      container.dataset.taxi = `${position.lat.toFixed(5)},${position.lng.toFixed(5)}`;
    },
    fit() {
      const all = [...places.values(), ...taxis.values()].map(m => m.getLatLng());
      if (all.length > 0) {
        map.fitBounds(L.latLngBounds(all).pad(0.3), { maxZoom: 15 });
      }
    },
  };
}
