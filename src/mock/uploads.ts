// Images uploaded with PUT: stored in memory under /uploads/<merchant>/user/, typed by their bytes.
export interface Upload {
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The image type the bytes start with (magic numbers, or SVG markup), else undefined. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const head = Array.from(bytes.subarray(0, 12));
  const starts = (...sig: number[]) => sig.every((byte, i) => head[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45) return 'image/webp';
  const text = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'image/svg+xml';
  return undefined;
}

/** A client's file name made safe for a URL path: no separators, no leading dots, short. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(-80) || 'image';
}

/** The uploaded files by path; each upload gets a new path, so no URL ever changes content. */
export class UploadStore {
  private files = new Map<string, Upload>();
  private seq = 0;

  /** Stores the file's bytes and returns the path it is served at. */
  save(merchant: string, mediaId: string, file: File, bytes: Uint8Array<ArrayBuffer>): string {
    this.seq += 1;
    const path = `/uploads/${merchant}/user/${mediaId}-${this.seq}-${safeFileName(file.name)}`;
    const contentType = sniffImageType(bytes) ?? (file.type || 'application/octet-stream');
    this.files.set(path, {contentType, bytes});
    return path;
  }

  get(path: string): Upload | undefined {
    return this.files.get(path);
  }

  clear(): void {
    this.files = new Map();
    this.seq = 0;
  }
}
