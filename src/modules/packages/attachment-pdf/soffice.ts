import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';

/**
 * The file as PDF by LibreOffice, or null when that fails. Each run has its own directory and
 * profile (LibreOffice locks a shared profile, so parallel runs would collide), and the whole
 * process group is killed on timeout: `soffice` is a script that starts `soffice.bin`.
 */
export async function convertWithSoffice(
  bytes: Uint8Array,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  const command = await findOnPath('soffice');
  if (!command) return null;
  const directory = await mkdtemp(join(tmpdir(), 'dagsorden-soffice-'));
  try {
    const input = join(directory, 'bilag.docx');
    const output = join(directory, 'out');
    await mkdir(output);
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(directory, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      output,
      input,
    ];
    const hasFinished = await new Promise<boolean>((resolve) => {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' });
      const timer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone already.
        }
        resolve(false);
      }, timeoutMs);
      child.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code === 0);
      });
    });
    if (!hasFinished) return null;
    const pdf = new Uint8Array(await readFile(join(output, 'bilag.pdf')));
    const document = await PDFDocument.load(pdf, { updateMetadata: false });
    return document.getPageCount() > 0 ? pdf : null;
  } catch {
    return null;
  } finally {
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The executable's path if it is on PATH; looked up on each call, so installing it needs no restart. */
async function findOnPath(name: string): Promise<string | null> {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}
