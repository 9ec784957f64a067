/**
 * Typed arrays and a little JSON in one Buffer, and back without copying: what the search
 * index is saved as, so that a start reloads it rather than rebuilding it.
 *
 * Layout: the magic, the JSON header's length (uint32, little-endian), the header (`meta`, and
 * each array's name, type, offset and length), then each array's bytes, 8-byte aligned.
 * Byte order is the machine's (little-endian on every platform Node runs the bot on); the
 * header records it and a pack from the other order is refused.
 */

const magic = Buffer.from("BRIEFING-PACK-1\n");

type ArrayType = "Int32Array" | "Uint32Array" | "Float32Array" | "Uint16Array" | "Uint8Array" | "Float64Array";
export type PackedArray = Int32Array | Uint32Array | Float32Array | Uint16Array | Uint8Array | Float64Array;

const constructors = { Int32Array, Uint32Array, Float32Array, Uint16Array, Uint8Array, Float64Array } as const;

interface Header {
  littleEndian: boolean;
  meta: unknown;
  arrays: { name: string; type: ArrayType; offset: number; length: number }[];
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const align = (n: number) => (n + 7) & ~7;

/** Packs `arrays` and `meta` (anything JSON can hold) into one Buffer. */
export function packArrays(meta: unknown, arrays: Record<string, PackedArray>): Buffer {
  const entries = Object.entries(arrays);
  let offset = 0;
  const layout = entries.map(([name, array]) => {
    const at = offset;
    offset = align(offset + array.byteLength);
    return { name, type: array.constructor.name as ArrayType, offset: at, length: array.length };
  });
  const header = Buffer.from(JSON.stringify({ littleEndian, meta, arrays: layout } satisfies Header));
  const start = align(magic.length + 4 + header.length);
  const out = Buffer.alloc(start + offset);
  magic.copy(out, 0);
  out.writeUInt32LE(header.length, magic.length);
  header.copy(out, magic.length + 4);
  entries.forEach(([, array], i) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    out.set(bytes, start + (layout[i]?.offset ?? 0));
  });
  return out;
}

/**
 * The arrays and meta of a pack, as views on `buffer` where it is aligned (a copy where not).
 * `undefined` if `buffer` is not a pack this code wrote: the caller rebuilds instead.
 */
export function unpackArrays(buffer: Buffer): { meta: unknown; arrays: Map<string, PackedArray> } | undefined {
  if (buffer.length < magic.length + 4 || !buffer.subarray(0, magic.length).equals(magic)) return undefined;
  const headerLength = buffer.readUInt32LE(magic.length);
  let header: Header;
  try {
    header = JSON.parse(buffer.subarray(magic.length + 4, magic.length + 4 + headerLength).toString("utf8")) as Header;
  } catch {
    return undefined;
  }
  if (header.littleEndian !== littleEndian) return undefined;
  const start = align(magic.length + 4 + headerLength);
  const arrays = new Map<string, PackedArray>();
  for (const { name, type, offset, length } of header.arrays) {
    const make = constructors[type];
    if (make === undefined) return undefined;
    const byteOffset = buffer.byteOffset + start + offset;
    const byteLength = length * make.BYTES_PER_ELEMENT;
    if (start + offset + byteLength > buffer.length) return undefined;
    arrays.set(
      name,
      byteOffset % make.BYTES_PER_ELEMENT === 0
        ? new make(buffer.buffer as ArrayBuffer, byteOffset, length)
        : new make(new Uint8Array(buffer.buffer as ArrayBuffer, byteOffset, byteLength).slice().buffer),
    );
  }
  return { meta: header.meta, arrays };
}
