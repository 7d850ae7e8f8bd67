/**
 * The trustee's secrets on disk: one file per election, `DIR/<fingerprint>.json`, in a directory of mode
 * 0700. Each file has mode 0600 and is replaced atomically: the new text goes to a fresh temporary file
 * (created with O_EXCL, mode 0600), which is fsynced, renamed over the old file, and the directory is
 * fsynced — so after a crash the file holds either the old or the new record, never a mix. A file
 * readable by group or others is refused (like ssh keys). Nothing here logs or returns secret text.
 *
 * A lock file `DIR/<fingerprint>.lock` (created with O_EXCL, holding the owner's process id) keeps two
 * processes — a running trustee and a manual `pnyx trustee step` — from acting on one election at once;
 * a lock whose process is gone is taken over.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, parseJson } from '../../../crypto/encoding/canonical-json.js';
import { fail, ok, type Result } from '../../../crypto/result.js';
import { type StoredTrustee, storedFromJson, storedToJson } from './secrets-codec.js';

const FINGERPRINT_RE = /^[0-9a-f]{64}$/;

/** Writes `text` to `file` atomically and durably (temporary file, fsync, rename, directory fsync). */
export function writeFileAtomic(file: string, dir: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const d = openSync(dir, 'r');
  try {
    fsyncSync(d);
  } finally {
    closeSync(d);
  }
}

/** True when a process with this id runs (or exists under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

/** The secrets files of one trustee. */
export class SecretsFile {
  /** @param dir directory of the secrets files (created with mode 0700 when missing) */
  constructor(readonly dir: string) {}

  /** Path of an election's secrets file. */
  path(fingerprint: string): string {
    if (!FINGERPRINT_RE.test(fingerprint))
      throw new Error('an election fingerprint is 64 lowercase hex digits');
    return join(this.dir, `${fingerprint}.json`);
  }

  /** The stored record, `undefined` when there is none, or a failure for an unreadable or unsafe file. */
  load(fingerprint: string): Result<StoredTrustee | undefined> {
    const file = this.path(fingerprint);
    let text: string;
    try {
      // 1. Owner-only file (secrets readable by others are refused, not used).
      if ((statSync(file).mode & 0o077) !== 0)
        return fail('KEY_INVALID', `secrets file ${file} is readable by others; run chmod 600 ${file}`);
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ENOENT') return ok(undefined);
      return fail('ENCODING_INVALID', `cannot read the secrets file ${file}: ${(e as Error).message}`);
    }
    // 2. Strict JSON of the right shape, for this election.
    const json = parseJson(text.trim());
    if (!json.ok) return fail('ENCODING_INVALID', `secrets file ${file} is not JSON`);
    const stored = storedFromJson(json.value);
    if (!stored.ok) return stored;
    if (stored.value.fingerprint !== fingerprint)
      return fail('KEY_INVALID', `secrets file ${file} belongs to another election`);
    return ok(stored.value);
  }

  /** Stores a record durably (replacing the previous one atomically). */
  save(s: StoredTrustee): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(this.path(s.fingerprint), this.dir, `${canonicalJson(storedToJson(s))}\n`);
  }

  /** Fingerprints of the elections with a secrets file. */
  list(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
        .map((f) => f.slice(0, 64));
    } catch {
      return [];
    }
  }

  /**
   * Runs `fn` holding the election's lock file. Fails (without running `fn`) when another live process
   * holds it.
   */
  async withLock<T>(fingerprint: string, fn: () => Promise<T>): Promise<Result<T>> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const lock = join(this.dir, `${fingerprint}.lock`);
    const taken = this.takeLock(lock);
    if (!taken.ok) return taken;
    try {
      return ok(await fn());
    } finally {
      try {
        unlinkSync(lock);
      } catch {
        // already gone: nothing to release
      }
    }
  }

  private takeLock(lock: string): Result<true> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(lock, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return ok(true);
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'EEXIST') throw e;
      }
      let pid: number;
      try {
        pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      } catch {
        continue; // released meanwhile: try again
      }
      if (Number.isSafeInteger(pid) && pid > 0 && alive(pid))
        return fail('PARAMETER_INVALID', `another trustee process (pid ${pid}) is acting on this election`);
      try {
        unlinkSync(lock); // stale: its process is gone
      } catch {
        // removed meanwhile by the process that took it over
      }
    }
    return fail('PARAMETER_INVALID', `cannot take the lock ${lock}`);
  }
}
