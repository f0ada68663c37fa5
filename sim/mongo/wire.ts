import { BSON, type Document } from 'mongodb';

/** Opcodes the driver sends (OP_QUERY only for the handshake) and the two we answer with. */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

/** The largest message accepted, as advertised in hello (maxMessageSizeBytes). */
export const MAX_MESSAGE_BYTES = 48_000_000;

const HEADER_BYTES = 16;
const FLAG_CHECKSUM_PRESENT = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
// Bits 0-15 are "required": an unknown one set there must be refused, as mongod does.
const KNOWN_REQUIRED_FLAGS = FLAG_CHECKSUM_PRESENT | FLAG_MORE_TO_COME;

/** Bytes that are not a well-formed message: the connection that sent them is closed. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export type Request =
  | { kind: 'query'; requestId: number; namespace: string; command: Document }
  | { kind: 'msg'; requestId: number; moreToCome: boolean; command: Document };

/** Splits a byte stream into whole messages; refuses a length outside 16 B .. 48 MB before buffering it. */
export class MessageFramer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  push(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const messages: Buffer[] = [];
    while (this.pendingBytes >= 4) {
      const head = this.pending.length === 1 ? this.pending[0]! : this.collapse();
      const length = head.readInt32LE(0);
      if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) {
        throw new ProtocolError(`message length ${length} is outside ${HEADER_BYTES}..${MAX_MESSAGE_BYTES}`);
      }
      if (this.pendingBytes < length) break;
      messages.push(head.subarray(0, length));
      const rest = head.subarray(length);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return messages;
  }

  private collapse(): Buffer {
    const whole = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [whole];
    return whole;
  }
}

/** Parses one framed message into the command it carries. */
export function parseMessage(message: Buffer): Request {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return parseOpMsg(message, requestId);
  if (opCode === OP_QUERY) return parseOpQuery(message, requestId);
  throw new ProtocolError(`unsupported opcode ${opCode}`);
}

function parseOpMsg(message: Buffer, requestId: number): Request {
  if (message.length < HEADER_BYTES + 5) throw new ProtocolError('OP_MSG too short');
  const flags = message.readUInt32LE(HEADER_BYTES);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) {
    throw new ProtocolError(`OP_MSG has unknown required flag bits ${flags & 0xffff}`);
  }
  const end = flags & FLAG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_BYTES + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const size = bsonSize(message, offset, end);
      body = readDocument(message, offset, size);
      offset += size;
    } else if (kind === 1) {
      const size = bsonSize(message, offset, end);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      if (nameEnd < 0 || nameEnd >= sectionEnd) throw new ProtocolError('OP_MSG sequence has no identifier');
      const identifier = message.toString('utf8', offset + 4, nameEnd);
      const docs: Document[] = [];
      let at = nameEnd + 1;
      while (at < sectionEnd) {
        const docSize = bsonSize(message, at, sectionEnd);
        docs.push(readDocument(message, at, docSize));
        at += docSize;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`OP_MSG has unknown section kind ${String(kind)}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  // exhaustAllowed (bit 16) is only honoured by servers that send topologyVersion; we never do.
  return { kind: 'msg', requestId, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0, command: body };
}

function parseOpQuery(message: Buffer, requestId: number): Request {
  let offset = HEADER_BYTES + 4;
  const nameEnd = message.indexOf(0, offset);
  if (nameEnd < 0) throw new ProtocolError('OP_QUERY has no collection name');
  const namespace = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const size = bsonSize(message, offset, message.length);
  return { kind: 'query', requestId, namespace, command: readDocument(message, offset, size) };
}

function bsonSize(buf: Buffer, offset: number, end: number): number {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`BSON document size ${size} does not fit`);
  return size;
}

function readDocument(buf: Buffer, offset: number, size: number): Document {
  try {
    return BSON.deserialize(buf.subarray(offset, offset + size));
  } catch (err) {
    throw new ProtocolError(`invalid BSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

let nextReplyId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(nextReplyId++ & 0x7fffffff, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** OP_MSG reply: flags 0 and one body section. */
export function encodeMsgReply(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const length = HEADER_BYTES + 4 + 1 + body.length;
  return Buffer.concat([header(length, responseTo, OP_MSG), Buffer.alloc(5), body], length);
}

/** OP_REPLY to the legacy handshake: one document, no cursor. */
export function encodeLegacyReply(responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  const length = HEADER_BYTES + fields.length + body.length;
  return Buffer.concat([header(length, responseTo, OP_REPLY), fields, body], length);
}
