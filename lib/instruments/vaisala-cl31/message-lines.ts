// Decoders for the text lines shared by CL31/CL51 and CT25K messages, following the CL31 User's Guide
// (M210482EN, "CL31 Data Messages No. 1 and 2", "CT25K Data Messages") and cl2nc's line grammar. Each throws
// LineError with the reason; the caller adds file and line number.

export class LineError extends Error {}

export type Model = 'CL' | 'CT';

export interface IdLine {
  model: Model;
  unitId: string;
  softwareLevel: number;
  messageNumber: number;
  subclass: number;
}

/** `SOH CL u nnn m s STX` (CL31/CL51: 3-digit software level) or `SOH CT u nn m s STX` (CT25K). */
export function parseIdLine(text: string): IdLine {
  const match = /^\x01(CL|CT)(.)(\d{2,3})(\d)(\d)\x02$/.exec(text);
  const model = match?.[1] as Model | undefined;
  if (!match || !model || match[3]!.length !== (model === 'CL' ? 3 : 2)) {
    throw new LineError(`expected a message identification line (SOH "CL" id level number subclass STX), found ${JSON.stringify(text.slice(0, 20))}`);
  }
  return { model, unitId: match[2]!, softwareLevel: Number(match[3]), messageNumber: Number(match[4]), subclass: Number(match[5]) };
}

export interface StatusLine {
  detectionStatus: number | null;
  /** 0 self-check OK, 1 warning, 2 alarm. */
  selfCheck: number;
  /** The three 5-character height fields as written (null for `/////`); their meaning depends on the status. */
  heights: [number | null, number | null, number | null];
  /** CL: alarm, warning and internal words (12 hex digits); CT: one 32-bit word (8 hex digits). */
  statusWords: number[];
}

const SELF_CHECK: Record<string, number> = { '0': 0, W: 1, A: 2 };

export function parseStatusLine(text: string, model: Model): StatusLine {
  const words = model === 'CL' ? 12 : 8;
  const match = new RegExp(`^([0-5/])([0WA]) (.{5}) (.{5}) (.{5}) ([0-9A-Fa-f]{${words}})$`).exec(text);
  if (!match) throw new LineError(`expected a status line like "30 01230 12340 23450 ${'F'.repeat(words)}", found ${JSON.stringify(text.slice(0, 40))}`);
  const hex = match[6]!;
  const statusWords = model === 'CL' ? [0, 4, 8].map((at) => parseInt(hex.slice(at, at + 4), 16)) : [parseInt(hex, 16)];
  return {
    detectionStatus: match[1] === '/' ? null : Number(match[1]),
    selfCheck: SELF_CHECK[match[2]!]!,
    heights: [height(match[3]!), height(match[4]!), height(match[5]!)],
    statusWords,
  };
}

/** CL: internal status bit 0x0080 (cl2nc); CT25K: status bit b08 (0x0100), "units are METERS if ON". */
export function heightsInMetres(status: StatusLine, model: Model): boolean {
  return model === 'CL' ? (status.statusWords[2]! & 0x0080) !== 0 : (status.statusWords[0]! & 0x0100) !== 0;
}

export interface SkyLine {
  /** Layer 1's amount in octas (0-8), or 9 vertical visibility, 99 not enough data, -1 data missing. */
  detectionStatus: number | null;
  amounts: (number | null)[];
  /** In units of 10 m or 100 ft, as written. */
  heights: (number | null)[];
}

/** Pairs of (amount, height): five layers in CL messages, four in CT25K message 6. */
export function parseSkyLine(text: string, layers: number): SkyLine {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length !== 2 * layers) throw new LineError(`expected a sky condition line of ${layers} (amount, height) pairs, found ${JSON.stringify(text.slice(0, 40))}`);
  const amounts: (number | null)[] = [];
  const heights: (number | null)[] = [];
  for (let layer = 0; layer < layers; layer++) {
    amounts.push(integerOrMissing(tokens[2 * layer]!, 'sky condition amount'));
    heights.push(integerOrMissing(tokens[2 * layer + 1]!, 'sky condition height'));
  }
  const first = amounts[0] ?? null;
  return { detectionStatus: first, amounts: amounts.map((a) => (a !== null && a >= 0 && a <= 8 ? a : null)), heights };
}

export interface ProfileParameters {
  scale: number;
  resolution: number;
  samples: number;
  pulseEnergy: number;
  laserTemperature: number;
  /** CL: window transmission %; CT: window contamination (mV). */
  window: number;
  /** CT only: receiver sensitivity %. */
  receiverSensitivity: number | null;
  tiltAngle: number;
  backgroundLight: number;
  measurementParameters: string;
  backscatterSum: number;
}

/** Longest profile any of these instruments sends (Campbell's CL31 emulation: 2048; CL51: 1540). */
export const MAX_SAMPLES = 2048;

/** CL: `scale res samples energy laserT window tilt background params sum`. */
export function parseClParameters(text: string): ProfileParameters {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length !== 10) throw new LineError(`expected 10 profile parameters (scale resolution samples ... sum), found ${tokens.length}`);
  const [scale, resolution, samples, energy, laserT, window, tilt, background] = tokens.slice(0, 8).map((t, i) => integer(t, CL_NAMES[i]!));
  if (resolution! < 1 || resolution! > 100) throw new LineError(`implausible profile resolution ${resolution} m: expected 5, 10 or 20`);
  if (samples! < 1 || samples! > MAX_SAMPLES) throw new LineError(`implausible profile length ${samples} samples: expected 1..${MAX_SAMPLES}`);
  if (scale! <= 0) throw new LineError(`implausible SCALE ${scale}: expected a positive percentage (100 is normal)`);
  return {
    scale: scale!, resolution: resolution!, samples: samples!, pulseEnergy: energy!, laserTemperature: laserT!, window: window!,
    receiverSensitivity: null, tiltAngle: tilt!, backgroundLight: background!, measurementParameters: tokens[8]!,
    backscatterSum: integer(tokens[9]!, 'backscatter sum'),
  };
}
const CL_NAMES = ['SCALE', 'resolution', 'sample count', 'pulse energy', 'laser temperature', 'window transmission', 'tilt angle', 'background light'];

/** CT25K message 2, line 3: `[scale] mode energy laserT sensitivity window tilt background params sum`. */
export function parseCtParameters(text: string): ProfileParameters {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length !== 9 && tokens.length !== 10) throw new LineError(`expected 9 or 10 CT25K profile parameters, found ${tokens.length}`);
  const withScale = tokens.length === 10;
  const scale = withScale ? integer(tokens[0]!, 'SCALE') : 100;
  if (scale <= 0) throw new LineError(`implausible SCALE ${scale}: expected a positive percentage (100 is normal)`);
  const [energy, laserT, sensitivity, window, tilt, background] = tokens.slice(withScale ? 2 : 1, withScale ? 8 : 7).map((t) => integer(t, 'CT25K parameter'));
  return {
    scale, resolution: 30, samples: 256, pulseEnergy: energy!, laserTemperature: laserT!, window: window!,
    receiverSensitivity: sensitivity!, tiltAngle: tilt!, backgroundLight: background!,
    measurementParameters: tokens.at(-2)!, backscatterSum: integer(tokens.at(-1)!, 'backscatter sum'),
  };
}

function height(field: string): number | null {
  if (field === '/////') return null;
  if (!/^\d{5}$/.test(field)) throw new LineError(`expected a 5-digit height or /////, found ${JSON.stringify(field)}`);
  return Number(field);
}

function integerOrMissing(token: string, what: string): number | null {
  return /^\/+$/.test(token) ? null : integer(token, what);
}

function integer(token: string, what: string): number {
  if (!/^[+-]?\d{1,6}$/.test(token)) throw new LineError(`expected ${what} as an integer, found ${JSON.stringify(token)}`);
  return Number(token);
}
