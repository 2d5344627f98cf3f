// Groups a file's lines into messages (SOH line ... ETX line) and pairs each with its timestamp line. Loggers
// write the timestamp before each message (BL-View: `-2020-05-01 00:00:16`) or after it; the first non-blank
// line of the file tells which. A message cut short (by a restart, a new timestamp, or the end of a file still
// being written) is skipped and counted, as is one with no timestamp; any other line outside a message is an
// error, because the file is then not what this parser understands.

import { ParseError } from '../types';
import { lineText, readLines, type RawLine } from './lines';
import { parseTimestampLine, type LineTime } from './timestamps';

const SOH = 0x01;
const ETX = 0x03;
/** CT25K message 2 has 20 lines, the CL31 status message 38: a message that runs on longer has lost its ETX. */
const MAX_MESSAGE_LINES = 48;

export interface FramedMessage {
  firstLine: number;
  lines: RawLine[];
  time: LineTime;
}

export interface FramingCounts {
  incompleteMessages: number;
  untimedMessages: number;
}

export async function* frameMessages(path: string, fileName: string, counts: FramingCounts): AsyncGenerator<FramedMessage> {
  let convention: 'before' | 'after' | undefined;
  let pendingTime: LineTime | null = null;
  // The message being read, with the timestamp that preceded it (time-before files only).
  let current: { lines: RawLine[]; time: LineTime | null } | null = null;
  let awaitingTime: RawLine[] | null = null;

  for await (const line of readLines(path, fileName)) {
    const text = lineText(line);
    if (current) {
      const interrupts = line.bytes[0] === SOH || parseTimestampLine(text) !== null;
      if (!interrupts && current.lines.length < MAX_MESSAGE_LINES) {
        current.lines.push(line);
        if (line.bytes[0] === ETX) {
          const { lines, time } = current;
          current = null;
          if (convention === 'after') awaitingTime = lines;
          else if (time) yield { firstLine: lines[0]!.number, lines, time };
          else counts.untimedMessages++;
        }
        continue;
      }
      counts.incompleteMessages++;
      current = null;
      if (!interrupts) {
        throw new ParseError(fileName, `a message has no ETX line within ${MAX_MESSAGE_LINES} lines`, { line: line.number });
      }
    }
    if (text.trim() === '') continue;
    const time = parseTimestampLine(text);
    if (time) {
      convention ??= 'before';
      if (convention === 'before') pendingTime = time;
      else if (awaitingTime) {
        yield { firstLine: awaitingTime[0]!.number, lines: awaitingTime, time };
        awaitingTime = null;
      }
      continue;
    }
    if (line.bytes[0] === SOH) {
      convention ??= 'after';
      if (awaitingTime) counts.untimedMessages++;
      awaitingTime = null;
      current = { lines: [line], time: convention === 'before' ? pendingTime : null };
      pendingTime = null;
      continue;
    }
    // The last line of a file still being written may be cut anywhere: not an error, just not there yet.
    if (line.bytes.at(-1) !== 0x0a) {
      counts.incompleteMessages++;
      continue;
    }
    if (/^-?\d{4}-\d\d-\d\d/.test(text)) {
      throw new ParseError(fileName, `invalid timestamp ${JSON.stringify(text.slice(0, 40))}`, { line: line.number });
    }
    // BL-View separators and comments start with a dash; cl2nc skips them too.
    if (text.startsWith('-')) continue;
    throw new ParseError(fileName, `expected a timestamp or a ceilometer message (SOH), found ${JSON.stringify(text.slice(0, 40))}`, {
      line: line.number,
    });
  }
  if (current) counts.incompleteMessages++;
  if (awaitingTime) counts.untimedMessages++;
}
