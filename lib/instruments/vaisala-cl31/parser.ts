// The FileParser for ceilometer message files: frame messages, check and decode each, and emit one status row
// per message, a sky-condition row where the message has one, and the backscatter profile. Counts of skipped
// messages (CRC failures, incomplete, untimed) are written onto the file's meta as the stream is read, so
// they end up on the ledger row.

import { BatchCollector, type ProfileTable, type ScalarTable } from '../rpg-hatpro/batches';
import { ParseError, type FileMeta, type FileParser, type ParseOptions, type ParsedBatch } from '../types';
import { decodeMessage, MessageError, type DecodedMessage } from './decode';
import { frameMessages, type FramingCounts } from './framing';
import { lineTimeToUtc } from './timestamps';
import { CL_STATUS_VARIABLES, CT_STATUS_VARIABLES, STREAMS, backscatterVariable, skyVariables } from './variables';

const FEET = 0.3048;

export const parseCeilometerMessages: FileParser = async (path, options) => {
  const meta: FileMeta = {
    format: 'vaisala-ceilometer-messages',
    attributes: { messages: 0, crcFailures: 0, incompleteMessages: 0, untimedMessages: 0, statusMessages: 0 },
  };
  return { meta, batches: { [Symbol.asyncIterator]: () => streamMessages(path, options, meta) } };
};

async function* streamMessages(path: string, options: ParseOptions, meta: FileMeta): AsyncGenerator<ParsedBatch> {
  const out = new BatchCollector(options);
  const tables = new Tables();
  const toUtc = lineTimeToUtc(options.timezone);
  const counts: FramingCounts = { incompleteMessages: 0, untimedMessages: 0 };
  const attributes = meta.attributes;
  let messages = 0;
  let crcFailures = 0;
  let statusMessages = 0;
  for await (const framed of frameMessages(path, options.fileName, counts)) {
    let result;
    try {
      result = decodeMessage(framed.lines);
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      throw new ParseError(options.fileName, error.message, { line: framed.firstLine + error.lineIndex });
    }
    if (!result.ok) {
      if (result.reason === 'crc') attributes.crcFailures = ++crcFailures;
      else attributes.statusMessages = ++statusMessages;
      continue;
    }
    const message = result.message;
    messages++;
    describeInstrument(attributes, message);
    const timeMs = toUtc(framed.time);
    out.addScalars(tables.status(message), timeMs, statusValues(message));
    if (message.sky) out.addScalars(tables.sky(message.sky.amounts.length), timeMs, skyValues(message));
    if (message.profile && message.parameters) {
      out.addProfile(tables.profile(message.parameters.resolution, message.parameters.samples), timeMs, message.profile);
    }
    attributes.messages = messages;
    Object.assign(attributes, counts);
    yield* out.takeReady();
  }
  Object.assign(attributes, counts);
  if (messages === 0 && crcFailures === 0 && statusMessages === 0) {
    throw new ParseError(options.fileName, 'no complete, timestamped ceilometer message (SOH CL/CT ... ETX) in the file');
  }
  yield* out.takeRemaining();
}

/** Tables are made once per shape, so the batch collector groups rows by identity. */
class Tables {
  private readonly byKey = new Map<string, ScalarTable | ProfileTable>();

  status(message: DecodedMessage): ScalarTable {
    const cl = message.id.model === 'CL';
    return this.scalar(cl ? 'cl' : 'ct', cl ? STREAMS.clStatus : STREAMS.ctStatus, () => [...(cl ? CL_STATUS_VARIABLES : CT_STATUS_VARIABLES)]);
  }

  sky(layers: number): ScalarTable {
    return this.scalar(`sky${layers}`, STREAMS.sky, () => skyVariables(layers));
  }

  profile(resolution: number, samples: number): ProfileTable {
    const key = `profile${resolution}x${samples}`;
    let table = this.byKey.get(key) as ProfileTable | undefined;
    if (!table) {
      table = { type: 'profiles', stream: STREAMS.profile, variable: backscatterVariable(resolution, samples) };
      this.byKey.set(key, table);
    }
    return table;
  }

  private scalar(key: string, stream: string, variables: () => ScalarTable['variables']): ScalarTable {
    let table = this.byKey.get(key) as ScalarTable | undefined;
    if (!table) {
      table = { type: 'scalars', stream, variables: variables() };
      this.byKey.set(key, table);
    }
    return table;
  }
}

function statusValues(message: DecodedMessage): (number | null)[] {
  const { status, parameters: p, metres } = message;
  const toMetres = (value: number | null) => (value === null ? null : metres ? value : Math.round(value * FEET * 100) / 100);
  const [first, second, third] = status.heights;
  const state = status.detectionStatus;
  const cloud = [
    state,
    status.selfCheck,
    state !== null && state >= 1 && state <= 3 ? toMetres(first) : null,
    state === 2 || state === 3 ? toMetres(second) : null,
    state === 3 ? toMetres(third) : null,
    state === 4 ? toMetres(first) : null,
    state === 4 ? second : null,
  ];
  const settings = [
    p?.scale ?? null, p?.pulseEnergy ?? null, p?.laserTemperature ?? null, p?.tiltAngle ?? null,
    p?.backgroundLight ?? null, p ? p.backscatterSum / 1e4 / (p.scale / 100) : null,
  ];
  if (message.id.model === 'CL') return [...cloud, ...status.statusWords, ...settings, p?.window ?? null];
  return [...cloud, status.statusWords[0]!, ...settings, p?.window ?? null, p?.receiverSensitivity ?? null];
}

/** Layer heights are written in units of 10 m, or 100 ft when the instrument reports feet. */
function skyValues(message: DecodedMessage): (number | null)[] {
  const sky = message.sky!;
  const unit = message.metres ? 10 : 100 * FEET;
  const values: (number | null)[] = [sky.detectionStatus];
  sky.amounts.forEach((amount, i) => {
    const height = sky.heights[i];
    values.push(amount, height === null || height === undefined ? null : Math.round(height * unit * 100) / 100);
  });
  return values;
}

function describeInstrument(attributes: FileMeta['attributes'], message: DecodedMessage): void {
  const { id, parameters } = message;
  attributes.model = id.model === 'CT' ? 'CT25K' : parameters && parameters.samples > 1500 ? 'CL51' : 'CL31';
  attributes.unitId = id.unitId;
  attributes.softwareLevel = id.softwareLevel;
  attributes.messageNumber = id.messageNumber;
  attributes.messageSubclass = id.subclass;
  attributes.heightUnit = message.metres ? 'm' : 'ft';
  if (parameters) {
    attributes.resolutionM = parameters.resolution;
    attributes.samples = parameters.samples;
    attributes.measurementParameters = parameters.measurementParameters;
  }
}
