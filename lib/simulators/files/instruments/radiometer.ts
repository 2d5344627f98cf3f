// The demo's microwave radiometer `hatpro`: every 15 minutes it closes one file per product, named in
// RPG's `YYMMDD_HHMMSS.<family>` style after the start of the period, in a dated folder:
//   2026/11/21/261121_141500.LWP   liquid water path (g m-2)
//   2026/11/21/261121_141500.IWV   integrated water vapour (kg m-2)
//   2026/11/21/261121_141500.MET   surface pressure, temperature, humidity and wind
// pointing at zenith, one record every 5 s (a retrieval's usual integration), times in UTC (timeRef 1).
import { type Producer, type ProducerContext, round, utcFields } from '../producer';
import { columnAt, surfaceAt } from '../weather';
import { type MetRecord, type ProductRecord, writeIwv, writeLwp, writeMet } from '../writers/hatpro';

export const HATPRO_PERIOD_MS = 15 * 60_000;
export const HATPRO_RECORD_MS = 5_000;

export function hatproBaseName(periodStartMs: number): string {
  const f = utcFields(periodStartMs);
  return `${f.yyyy}/${f.mm}/${f.dd}/${f.yy}${f.mm}${f.dd}_${f.hh}${f.mi}${f.ss}`;
}

function recordTimes(startMs: number): number[] {
  return Array.from({ length: HATPRO_PERIOD_MS / HATPRO_RECORD_MS }, (_, i) => startMs + i * HATPRO_RECORD_MS);
}

export function radiometerFiles(startMs: number, context: ProducerContext): { lwp: Buffer; iwv: Buffer; met: Buffer } {
  const times = recordTimes(startMs);
  const columns = times.map((timeMs) => ({ timeMs, ...columnAt(timeMs) }));
  const zenith = (timeMs: number, value: number): ProductRecord => ({ timeMs, value, elevation: 90, azimuth: 0 });
  const met = times.map((timeMs): MetRecord => {
    const s = surfaceAt(timeMs, context.site);
    return {
      timeMs,
      // The radiometer's own sensors sit a little off the tower's: a small, steady offset keeps them distinct.
      pressureHpa: round(s.pressureHpa + 0.4, 2),
      temperatureK: round(s.airTemperatureC + 273.15 + 0.3, 2),
      relativeHumidity: round(s.relativeHumidity - 1.5, 1),
      windSpeedKmh: round(s.windSpeed * 3.6, 2),
      windDirectionDeg: round(s.windDirection, 1),
    };
  });
  return {
    lwp: writeLwp(columns.map((c) => zenith(c.timeMs, round(c.lwp, 2)))),
    iwv: writeIwv(columns.map((c) => zenith(c.timeMs, round(c.iwv, 3)))),
    met: writeMet(met),
  };
}

export function radiometer(context: ProducerContext): Producer {
  return {
    instrument: 'hatpro',
    periodMs: HATPRO_PERIOD_MS,
    delayMs: 20_000,
    async write({ startMs, dueMs }, folder) {
      const base = hatproBaseName(startMs);
      const files = radiometerFiles(startMs, context);
      await folder.writeFile(`${base}.LWP`, dueMs, files.lwp);
      await folder.writeFile(`${base}.IWV`, dueMs, files.iwv);
      await folder.writeFile(`${base}.MET`, dueMs, files.met);
    },
  };
}
