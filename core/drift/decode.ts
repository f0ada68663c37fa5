/** Thrown when an export file cannot be decoded or parsed; the message names the file. */
export class ExportFileError extends Error {
  readonly code = 'export.unreadable' as const;
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ExportFileError';
  }
}

/**
 * Bytes of an export file → text. Real exports are UTF-8, UTF-8 with BOM, or UTF-16LE with BOM and CRLF
 * (IntuneManagement), so the BOM decides (graph-reading.md §5 G).
 */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decode and parse one export file; `file` names it in the error. */
export function decodeJson(buf: Buffer, file: string): unknown {
  const text = decodeText(buf);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ExportFileError(file, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}
