import { Worker } from 'node:worker_threads';

/**
 * pdftotext (poppler) started from a worker thread. Starting a child process forks the server,
 * and the fork copies the page tables of the whole process while the calling thread waits: on
 * the main thread that stalled the event loop 12 ms on average and up to 34 ms per PDF, at
 * 360 MB resident. From the worker the wait is the worker's; the text comes back as a message.
 */
const workerSource = `
const { parentPort } = require('node:worker_threads');
const { execFile } = require('node:child_process');
parentPort.on('message', ({ id, args, input, env }) => {
  let isInputRefused = false;
  const child = execFile(
    'pdftotext',
    args,
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env },
    (error, stdout) => parentPort.postMessage({ id, text: error || isInputRefused ? undefined : stdout }),
  );
  child.stdin.on('error', () => {
    isInputRefused = true;
  });
  child.stdin.end(input);
});
`;

type Reply = { id: number; text: string | undefined };

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (text: string | undefined) => void>();

function pdftotextWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(workerSource, { eval: true });
  // Idle, it must not keep the process alive; while it works, it must (a CLI awaits it).
  started.unref();
  started.on('message', ({ id, text }: Reply) => {
    waiting.get(id)?.(text);
    waiting.delete(id);
    if (waiting.size === 0) started.unref();
  });
  const stop = () => {
    if (worker !== started) return;
    worker = undefined;
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  started.on('error', stop);
  started.on('exit', stop);
  worker = started;
  return started;
}

/**
 * Runs pdftotext with the arguments and the bytes on its standard input; its output, or
 * undefined when it is missing, fails or refuses the input.
 */
export function runPdftotext(
  args: readonly string[],
  input?: Uint8Array,
): Promise<string | undefined> {
  const thread = pdftotextWorker();
  const id = nextId;
  nextId += 1;
  // A copy of exactly these bytes (a Buffer may be a view into a larger pool), moved, not cloned.
  const bytes = input ? new Uint8Array(input) : undefined;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    thread.ref();
    // The environment as it is now, as a child started here would get it (a worker keeps a copy
    // from its start): PATH decides which pdftotext runs, or that none does.
    thread.postMessage(
      { id, args, input: bytes, env: { ...process.env } },
      bytes ? [bytes.buffer] : [],
    );
  });
}

let isInstalled: Promise<boolean> | undefined;

/** Whether pdftotext can be started; asked once per process. */
export function hasPdftotext(): Promise<boolean> {
  isInstalled ??= runPdftotext(['-v']).then((output) => output !== undefined);
  return isInstalled;
}
