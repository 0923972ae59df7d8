import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** File name → SHA-256 of the bytes last placed there, for one work directory. */
export type DeliveredFiles = Map<string, string>;

export type Placed = 'written' | 'unchanged' | 'kept' | 'replaced' | { error: string };

/**
 * Puts `data` at `directory/name`, a directory the sandboxed code can write to, so no step follows a
 * link: a new file is created with O_EXCL, an existing entry is read with O_NOFOLLOW and replaced by
 * renaming a fresh file over it (which replaces a link, never its target). An existing file that
 * differs is replaced, unless `delivered` says this same data was placed before: then the code changed
 * our copy and its changes are kept.
 */
export async function placeFile(
  directory: string,
  name: string,
  data: Uint8Array,
  options: { owner?: { uid: number; gid: number }; delivered?: DeliveredFiles },
): Promise<Placed> {
  const file = path.join(directory, name);
  const digest = createHash('sha256').update(data).digest('hex');
  const placed = await place(file, data, digest, options);
  if (placed !== 'kept' && typeof placed === 'string') options.delivered?.set(name, digest);
  return placed;
}

async function place(
  file: string,
  data: Uint8Array,
  digest: string,
  options: { owner?: { uid: number; gid: number }; delivered?: DeliveredFiles },
): Promise<Placed> {
  const created = await writeExclusive(file, data, options.owner);
  if (created !== 'exists') return created;
  if (await holdsExactly(file, data)) return 'unchanged';
  if (options.delivered?.get(path.basename(file)) === digest) return 'kept';
  const temporary = path.join(path.dirname(file), `.${randomBytes(8).toString('hex')}.attachment-tmp`);
  const written = await writeExclusive(temporary, data, options.owner);
  if (written !== 'written') {
    return { error: written === 'exists' ? 'could not create a temporary file' : written.error };
  }
  try {
    await rename(temporary, file);
    return 'replaced';
  } catch (error) {
    await unlink(temporary).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error:
        code === 'EISDIR' || code === 'ENOTEMPTY'
          ? 'a directory of that name is in the work directory'
          : (error as Error).message,
    };
  }
}

async function writeExclusive(
  file: string,
  data: Uint8Array,
  owner: { uid: number; gid: number } | undefined,
): Promise<'written' | 'exists' | { error: string }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // O_EXCL fails on any existing entry, a symlink included, so the sandbox cannot redirect the write.
    handle = await open(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o644,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    return { error: (error as Error).message };
  }
  try {
    await handle.writeFile(data);
    if (owner) await handle.chown(owner.uid, owner.gid);
    return 'written';
  } catch (error) {
    await unlink(file).catch(() => {});
    return { error: (error as Error).message };
  } finally {
    await handle.close();
  }
}

/** Whether `file` is a regular file (not a link, FIFO or directory) holding exactly `data`. */
async function holdsExactly(file: string, data: Uint8Array): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // O_NONBLOCK so a FIFO the code planted cannot make the open wait for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size !== data.byteLength) return false;
    return (await handle.readFile()).equals(data);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
