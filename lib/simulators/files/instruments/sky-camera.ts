// The demo's sky camera `cam1`: a 640x480 JPEG every 10 minutes, `2026/11/21/cam1_20261121_1410.jpg`
// (named by its capture time), looking south over the snow. The picture follows the simulated world: sky
// colour from the sun's elevation (night, twilight glow towards the sun, day), the sun's disc where it is,
// and the stratus deck drifting across at the cover the ceilometer and radiometer see.
import { type Producer, type ProducerContext, utcFields } from '../producer';
import { sunPosition } from '../solar';
import { cloudAt, noise } from '../weather';
import { encodeJpeg, type RgbaImage } from '../writers/jpeg';

export const CAMERA_PERIOD_MS = 10 * 60_000;
export const CAMERA_WIDTH = 640;
export const CAMERA_HEIGHT = 480;
const FIELD_OF_VIEW_DEG = 90;
const LOOKING_AT_AZIMUTH = 180;
const HORIZON_ROW = Math.round(CAMERA_HEIGHT * 0.62);
const DEG_PER_PIXEL = FIELD_OF_VIEW_DEG / CAMERA_WIDTH;

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, f: number): Rgb => [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
const smoothstep = (lo: number, hi: number, x: number): number => {
  const f = Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
  return f * f * (3 - 2 * f);
};

export function cameraImagePath(captureMs: number): string {
  const f = utcFields(captureMs);
  return `${f.yyyy}/${f.mm}/${f.dd}/cam1_${f.yyyy}${f.mm}${f.dd}_${f.hh}${f.mi}.jpg`;
}

export function renderSky(captureMs: number, context: ProducerContext): RgbaImage {
  const sun = sunPosition(captureMs, context.site);
  const cover = cloudAt(captureMs).cover;
  // 0 in the night (sun 12° or more below the horizon), 1 in full day.
  const daylight = smoothstep(-12, 8, sun.elevation);
  const zenith = mix([6, 8, 22], [55, 105, 195], daylight);
  const horizon = mix([16, 20, 40], [180, 205, 235], daylight);
  const snow = mix([22, 26, 40], [225, 230, 242], daylight);
  const cloudGrey = mix([28, 30, 38], [205, 208, 214], daylight);
  const twilight = Math.max(0, 1 - Math.abs(sun.elevation) / 8);
  const sunX = CAMERA_WIDTH / 2 + (((sun.azimuth - LOOKING_AT_AZIMUTH + 540) % 360) - 180) / DEG_PER_PIXEL;
  // The deck drifts across the frame at about one frame width per hour.
  const drift = (captureMs / 3_600_000) * 8;
  // Clamped: the grain must not wrap a bright pixel round to black.
  const data = new Uint8ClampedArray(CAMERA_WIDTH * CAMERA_HEIGHT * 4);
  for (let y = 0; y < CAMERA_HEIGHT; y++) {
    const elevation = (HORIZON_ROW - y) * DEG_PER_PIXEL;
    for (let x = 0; x < CAMERA_WIDTH; x++) {
      let rgb: Rgb;
      if (elevation < 0) {
        rgb = mix(snow, mix(snow, [0, 0, 0], 0.25), -elevation / 30);
      } else {
        rgb = mix(horizon, zenith, Math.pow(Math.min(1, elevation / 45), 0.6));
        const toSun = Math.hypot((x - sunX) * DEG_PER_PIXEL, elevation - sun.elevation);
        const glow = twilight * Math.exp(-toSun / 25) * Math.exp(-elevation / 10);
        rgb = mix(rgb, [250, 140, 60], Math.min(0.8, glow));
        if (sun.elevation > -1 && toSun < 1.2) rgb = [255, 250, 225];
        else if (sun.elevation > 0) rgb = mix(rgb, [255, 250, 230], Math.min(0.7, Math.exp(-toSun / 4)) * daylight);
        const u = x / 90 + drift;
        const v = y / 35;
        const texture = (Math.sin(u * 1.3 + Math.sin(v * 0.7)) + Math.sin(u * 0.6 - v * 1.1 + 1.7) + 0.5 * Math.sin(u * 2.7 + v * 2.1)) / 5 + 0.5;
        const opacity = smoothstep(1 - cover - 0.08, 1 - cover + 0.08, texture) * Math.min(1, elevation / 3 + 0.3);
        rgb = mix(rgb, mix(cloudGrey, [240, 150, 90], 0.4 * twilight), opacity);
      }
      const grain = 3 * noise(captureMs + x * 1000, y);
      const i = (y * CAMERA_WIDTH + x) * 4;
      data[i] = rgb[0] + grain;
      data[i + 1] = rgb[1] + grain;
      data[i + 2] = rgb[2] + grain;
      data[i + 3] = 255;
    }
  }
  return { width: CAMERA_WIDTH, height: CAMERA_HEIGHT, data };
}

export function skyCamera(context: ProducerContext): Producer {
  return {
    instrument: 'cam1',
    periodMs: CAMERA_PERIOD_MS,
    delayMs: 10_000,
    async write({ startMs, dueMs }, folder) {
      const captureMs = startMs + CAMERA_PERIOD_MS;
      const comment = `fieldops demo sky camera cam1 ${new Date(captureMs).toISOString()}`;
      await folder.writeFile(cameraImagePath(captureMs), dueMs, encodeJpeg(renderSky(captureMs, context), 80, comment));
    },
  };
}
