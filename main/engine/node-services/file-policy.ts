// The file-system policy of file nodes (DESIGN.md §3 file.read / file.write, §11): a node reaches
// files only inside the allowed roots, checked after resolving symbolic links, so neither `..` nor a
// link planted inside a root leads out. Leaving the roots is a permanent error (retrying cannot help).
import { randomBytes } from 'node:crypto';
import { link, realpath, readFile, rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { writeFileAtomically } from '../../files/atomic-write.js';
import { NodeError } from '../errors.js';
import type { FilePolicy } from '../types.js';

export function createFilePolicy(roots: ReadonlyArray<string>): FilePolicy {
  const absoluteRoots = roots.map((root) => resolve(root));
  let realRoots: Promise<string[]> | undefined;
  const rootsOnDisk = (): Promise<string[]> => (realRoots ??= Promise.all(absoluteRoots.map((root) => realpath(root).catch(() => root))));

  async function checked(path: string): Promise<string> {
    if (absoluteRoots.length === 0) throw new NodeError('FILE_OUTSIDE_ROOTS', 'no folder is allowed for file nodes on this host', { transient: false });
    const wanted = isAbsolute(path) ? resolve(path) : resolve(absoluteRoots[0] as string, path);
    const onDisk = await realPathOfNearest(wanted);
    const inside = (await rootsOnDisk()).some((root) => isInside(root, onDisk));
    if (!inside) {
      throw new NodeError('FILE_OUTSIDE_ROOTS', `${path} is outside the folders file nodes may use (${absoluteRoots.join(', ')})`, { transient: false });
    }
    return wanted;
  }

  return {
    roots: absoluteRoots,
    resolve: checked,
    read: async (path) => readFile(await checked(path)),
    writeAtomically: async (path, data, options = {}) => {
      const target = await checked(path);
      if (options.exclusive) await createExclusively(target, data);
      else writeFileAtomically(target, data);
      return target;
    },
  };
}

/**
 * The whole content under a temporary name, then a hard link to the target: link() fails when the
 * target exists, so of two writers creating one name exactly one succeeds, and no reader sees half.
 */
async function createExclusively(target: string, data: string | Buffer): Promise<void> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.new`;
  writeFileAtomically(temp, data);
  try {
    await link(temp, target);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') throw new NodeError('FILE_EXISTS', `${target} already exists and the node creates new files only (mode "create"): choose mode "overwrite" or "append", or a name that differs per message`, { transient: false });
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest (a file yet to be written). */
async function realPathOfNearest(path: string): Promise<string> {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await realpath(existing);
      return rest.length === 0 ? real : resolve(real, ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(relative(parent, existing));
      existing = parent;
    }
  }
}
