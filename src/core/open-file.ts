import { closeSync, openSync } from 'node:fs';

/**
 * Runs `read` on the file descriptor of `path`, closed afterwards; `otherwise` when the file
 * cannot be opened (the peeks at a file's first bytes leave it to the reader, which reports
 * what is wrong with the file as it always did).
 */
export function withOpenFile<T>(path: string, read: (fd: number) => T, otherwise: T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return otherwise;
  }
  try {
    return read(fd);
  } finally {
    closeSync(fd);
  }
}
