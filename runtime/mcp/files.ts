/**
 * Local files for upload arguments (`{"path": …}`), only under the
 * directories the operator allows with `--allow-file-dir` (none by default).
 * A tool argument comes from a model, which may be steered by anything it has
 * read, so a path is checked twice: as written (`..` resolved) and as the
 * real path the kernel would open (symlinks resolved), against the real path
 * of each allowed directory. Only that checked real path is then read.
 */
import { openAsBlob, realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from './options.js';

/** A problem with an upload argument: its message becomes the tool's isError result. */
export class UploadError extends Error {}

interface AllowedDir {
  /** As the operator wrote it, absolute. */
  given: string;
  /** Its real path (symlinks resolved). */
  real: string;
}

/** Whether `target` is `dir` itself or inside it (both absolute and normalized). */
function within(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export const ENABLE_HINT = 'start the server with --allow-file-dir DIR to allow files under DIR';

export class FileAccess {
  private constructor(private readonly dirs: AllowedDir[]) {}

  /** Resolves each directory once, at startup; a missing one is a usage error (exit 2). */
  static create(dirs: string[], cwd = process.cwd()): FileAccess {
    return new FileAccess(
      dirs.map((dir) => {
        const given = resolve(cwd, dir);
        let real: string;
        try {
          real = realpathSync(given);
        } catch {
          throw new UsageError(`--allow-file-dir ${dir}: no such directory`);
        }
        if (!statSync(real).isDirectory()) throw new UsageError(`--allow-file-dir ${dir}: not a directory`);
        return { given, real };
      }),
    );
  }

  get enabled(): boolean {
    return this.dirs.length > 0;
  }

  /** The allowed directories, for the server instructions. */
  get directories(): string[] {
    return this.dirs.map((d) => d.given);
  }

  private where(): string {
    return this.dirs.map((d) => d.given).join(', ');
  }

  /**
   * The file at `path` (absolute, or relative to the first allowed directory)
   * as a Blob backed by the file: nothing is read into memory before the
   * request streams it. Throws UploadError naming the rule a path breaks.
   */
  async open(path: string, type?: string): Promise<{ blob: Blob; name: string }> {
    if (!this.enabled) {
      throw new UploadError(
        `Local files are off: pass the content as base64 (with filename and mime_type) instead, or ${ENABLE_HINT}.`,
      );
    }
    if (path.includes('\0')) throw new UploadError('path must not contain NUL characters');
    const wanted = resolve(this.dirs[0]!.given, path);
    if (!this.dirs.some((d) => within(d.given, wanted) || within(d.real, wanted))) {
      throw new UploadError(
        `path ${JSON.stringify(path)} is outside the allowed directories (${this.where()})${path.split(/[\\/]/).includes('..') ? ': ".." may not leave them' : ''}.`,
      );
    }
    let real: string;
    try {
      real = await realpath(wanted);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UploadError(
        code === 'ENOENT'
          ? `path ${JSON.stringify(path)}: no such file`
          : `path ${JSON.stringify(path)}: ${(error as Error).message}`,
      );
    }
    if (!this.dirs.some((d) => within(d.real, real))) {
      throw new UploadError(
        `path ${JSON.stringify(path)} leads (through a symlink) outside the allowed directories (${this.where()}).`,
      );
    }
    const info = await stat(real);
    if (!info.isFile()) throw new UploadError(`path ${JSON.stringify(path)} is not a regular file.`);
    return { blob: await openAsBlob(real, type ? { type } : undefined), name: basename(wanted) };
  }
}
