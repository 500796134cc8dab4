/**
 * The one pass every table reader is built on: a file read in large chunks into one reused buffer,
 * decoded to text in small pieces, its bytes hashed (SHA-256) and counted on the way.
 */
import { createHash, type Hash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";

/**
 * Bytes read at a time, 4 MiB: large enough that per-chunk costs (a promise, a decoder call, a hash
 * update) vanish next to parsing, small enough to keep memory flat.
 *
 * @example READ_CHUNK_BYTES // → 4194304
 */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Bytes decoded into one piece of text, 64 KiB. Each piece is a string V8 allocates among young
 * objects (below its large-object size), so it dies young and cheaply once parsed; a 4 MiB string
 * would go straight to the old generation and pile up there as garbage between full collections.
 *
 * @example DECODE_SLICE_BYTES // → 65536
 */
export const DECODE_SLICE_BYTES = 64 * 1024;

/** A read failure of the file itself (missing, a folder, no permission, I/O error). */
export class FileReadFailure extends Error {
  /** The system error, e.g. with `code: "ENOENT"`. */
  readonly error: unknown;
  constructor(error: unknown) {
    super(error instanceof Error ? error.message : String(error));
    this.name = "FileReadFailure";
    this.error = error;
  }
}

/** Size and SHA-256 of the bytes read so far. */
export class ByteTally {
  private readonly hash: Hash = createHash("sha256");
  private count = 0;

  /** Adds a chunk. */
  add(chunk: Buffer): void {
    this.hash.update(chunk);
    this.count += chunk.length;
  }

  /** Bytes seen so far. */
  get bytes(): number {
    return this.count;
  }

  /** Hex SHA-256 of every byte seen; call once, at the end. */
  digest(): string {
    return this.hash.digest("hex");
  }
}

/** Options of {@link readTextChunks}. */
export interface TextChunkOptions {
  /**
   * Decode as UTF-16LE when the file starts with its byte-order mark (FF FE), which is then
   * dropped — as csv-parse's `bom` option does. Default false: always UTF-8.
   */
  readonly utf16Bom?: boolean;
  /** Bytes per read (default {@link READ_CHUNK_BYTES}). */
  readonly chunkBytes?: number;
  /**
   * Decode only the first `parseBytes` bytes (a line boundary); the rest is still read, counted and
   * hashed, but yields no text (another thread parses it). Default: everything.
   */
  readonly parseBytes?: number;
  /** Byte offset to start reading at (default 0: the whole file, byte-order mark included). */
  readonly fromByte?: number;
}

/**
 * Streams the text of `path` in pieces of at most {@link DECODE_SLICE_BYTES} bytes (UTF-8,
 * multi-byte characters never split; a UTF-8 byte-order mark is kept, as U+FEFF, for the parser to
 * drop), adding every byte to `tally`. The file is read {@link READ_CHUNK_BYTES} at a time into one
 * buffer reused for the whole file, so reading allocates no memory per chunk. Throws
 * {@link FileReadFailure} when the file cannot be read; the file is closed whenever the iteration
 * ends.
 *
 * @example
 * const tally = new ByteTally();
 * let text = "";
 * for await (const chunk of readTextChunks("runs.csv", tally)) text += chunk;
 * tally.bytes // → the file's size
 */
export async function* readTextChunks(
  path: string,
  tally: ByteTally,
  options: TextChunkOptions = {},
): AsyncGenerator<string, void, undefined> {
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch (e) {
    throw new FileReadFailure(e);
  }
  const buffer = Buffer.allocUnsafe(options.chunkBytes ?? READ_CHUNK_BYTES);
  let decoder: StringDecoder | undefined;
  const parseBytes = options.parseBytes ?? Infinity;
  const fromByte = options.fromByte ?? 0;
  let position = 0;
  try {
    for (;;) {
      let bytes: number;
      try {
        ({ bytesRead: bytes } = await file.read(buffer, 0, buffer.length, fromByte + position));
      } catch (e) {
        throw new FileReadFailure(e);
      }
      if (bytes === 0) break;
      tally.add(buffer.subarray(0, bytes));
      const from = position;
      position += bytes;
      if (from >= parseBytes) continue;
      let chunk = buffer.subarray(0, Math.min(bytes, parseBytes - from));
      if (!decoder) {
        const utf16 =
          options.utf16Bom === true && chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe;
        decoder = new StringDecoder(utf16 ? "utf16le" : "utf8");
        if (utf16) chunk = chunk.subarray(2);
      }
      // The decoder copies what it keeps of a piece, so the buffer can be refilled afterwards.
      for (let at = 0; at < chunk.length; at += DECODE_SLICE_BYTES) {
        const text = decoder.write(chunk.subarray(at, at + DECODE_SLICE_BYTES));
        if (text !== "") yield text;
      }
    }
    const rest = decoder?.end() ?? "";
    if (rest !== "") yield rest;
  } finally {
    await file.close();
  }
}
