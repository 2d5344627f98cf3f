// What a 910 nm depolarisation lidar looking up through the demo's weather would record. Attenuated
// backscatter (m-1 sr-1) is molecular air (~1e-7 at 680 hPa) plus a thin boundary-layer aerosol, plus, when
// the stratus is overhead, a liquid cloud base whose signal peaks within tens of metres and is extinguished
// above (extinction ~0.02 m-1, lidar ratio 18.8 sr) with ice virga falling out below it. Noise grows with
// range squared, as the solar background does. Depolarisation: air ~0.004, aerosol 0.05, liquid 0.02 rising
// with multiple scattering into the cloud, ice 0.35. p_pol and x_pol are the co- and cross-polarised parts.
import type { ProducerContext } from '../producer';
import { cloudAt, noise, surfaceAt } from '../weather';

export interface ProfileGrid {
  count: number;
  stepMs: number;
  gates: number;
  gateM: number;
}

export interface CeilometerProfiles {
  /** Profile times (end of each integration). */
  timesMs: number[];
  /** count x gates, row by row. */
  betaAtt: Float32Array;
  pPol: Float32Array;
  xPol: Float32Array;
  depol: Float32Array;
  /** Lowest cloud base per profile (m above the instrument), null when none is detected. */
  cloudBaseM: (number | null)[];
  cloudCoverOkta: number[];
  /** Range-integrated backscatter, in the instrument's unit 1e-4 sr-1. */
  betaAttSum: number[];
  internalTemperatureC: number[];
  windowConditionPercent: number[];
}

const EXTINCTION = 0.02;
const LIDAR_RATIO = 18.8;

/** Roughly Gaussian with unit variance (three uniforms of variance 1/3), reproducible per instant and channel. */
const gaussian = (timeMs: number, channel: number): number =>
  noise(timeMs, channel) + noise(timeMs, channel + 7919) + noise(timeMs, channel + 15_511);

export function simulateProfiles(startMs: number, grid: ProfileGrid, context: ProducerContext): CeilometerProfiles {
  const { count, gates, gateM } = grid;
  const out: CeilometerProfiles = {
    timesMs: [], betaAtt: new Float32Array(count * gates), pPol: new Float32Array(count * gates), xPol: new Float32Array(count * gates),
    depol: new Float32Array(count * gates), cloudBaseM: [], cloudCoverOkta: [], betaAttSum: [], internalTemperatureC: [], windowConditionPercent: [],
  };
  for (let row = 0; row < count; row++) {
    const t = startMs + (row + 1) * grid.stepMs;
    const cloud = cloudAt(t);
    // Broken cloud: each profile sees the deck or a gap, in proportion to the cover.
    const overhead = (noise(t, 21) + 1) / 2 < cloud.cover;
    let sum = 0;
    for (let gate = 0; gate < gates; gate++) {
      const z = gate * gateM;
      let co = 1.2e-7 * Math.exp(-z / 8000) / 1.004 + 3e-7 * Math.exp(-z / 300) / 1.05;
      let cross = 1.2e-7 * Math.exp(-z / 8000) * 0.004 / 1.004 + 3e-7 * Math.exp(-z / 300) * 0.05 / 1.05;
      if (overhead) {
        const into = z - cloud.baseM;
        if (into >= 0) {
          // Beyond the first ~150 m of cloud the beam is gone: nothing above is seen, clear air included.
          const liquid = (EXTINCTION / LIDAR_RATIO) * Math.exp(-2 * EXTINCTION * into);
          const delta = Math.min(0.3, 0.02 + into / 600);
          co = co * Math.exp(-2 * EXTINCTION * into) + liquid / (1 + delta);
          cross = cross * Math.exp(-2 * EXTINCTION * into) + (liquid * delta) / (1 + delta);
        } else if (into > -200) {
          const ice = 6e-7 * (1 + into / 200);
          co += ice / 1.35;
          cross += (ice * 0.35) / 1.35;
        }
      }
      const sigma = 1.5e-8 + 4e-8 * (z / 1000) ** 2;
      const p = co + sigma * gaussian(t, 100 + 2 * gate);
      const x = cross + 0.5 * sigma * gaussian(t, 101 + 2 * gate);
      const i = row * gates + gate;
      out.pPol[i] = p;
      out.xPol[i] = x;
      out.betaAtt[i] = p + x;
      out.depol[i] = Math.max(-1, Math.min(1.5, p !== 0 ? x / p : 0));
      sum += (p + x) * gateM;
    }
    const surface = surfaceAt(t, context.site);
    out.timesMs.push(t);
    out.cloudBaseM.push(overhead ? cloud.baseM + 10 : null);
    out.cloudCoverOkta.push(Math.round(cloud.cover * 8));
    out.betaAttSum.push(Number((sum * 1e4).toFixed(4)));
    // The housing is heated to stay near 20 °C; rime on the window comes and goes with the cold.
    out.internalTemperatureC.push(Number((20 + 0.1 * (surface.airTemperatureC + 30) + 0.2 * noise(t, 31)).toFixed(2)));
    out.windowConditionPercent.push(Number(Math.min(100, 96 + 0.1 * (surface.airTemperatureC + 30) + noise(t, 32)).toFixed(1)));
  }
  return out;
}
