/**
 * The one pass every table reader is built on: a file read in large chunks, each decoded to text,
 * its bytes hashed (SHA-256) and counted on the way.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/**
 * Bytes read at a time, 4 MiB: large enough that per-chunk costs (a promise, a decoder call, a hash
 * update) vanish next to parsing, small enough to keep memory flat.
 *
 * @example READ_CHUNK_BYTES // → 4194304
 */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

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
}

/**
 * Streams the text of `path` in large chunks (UTF-8, multi-byte characters never split; a UTF-8
 * byte-order mark is kept, as U+FEFF, for the parser to drop), adding every byte to `tally`.
 * Throws {@link FileReadFailure} when the file cannot be read; the file is closed whenever the
 * iteration ends.
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
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? READ_CHUNK_BYTES });
  const chunks = stream[Symbol.asyncIterator]();
  let decoder: StringDecoder | undefined;
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await chunks.next();
      } catch (e) {
        throw new FileReadFailure(e);
      }
      if (step.done) break;
      let chunk = step.value as Buffer;
      tally.add(chunk);
      if (!decoder) {
        const utf16 =
          options.utf16Bom === true && chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe;
        decoder = new StringDecoder(utf16 ? "utf16le" : "utf8");
        if (utf16) chunk = chunk.subarray(2);
      }
      const text = decoder.write(chunk);
      if (text !== "") yield text;
    }
    const rest = decoder?.end() ?? "";
    if (rest !== "") yield rest;
  } finally {
    stream.destroy();
  }
}
