// Worker-thread entry for reading an uploaded spreadsheet (see read-spreadsheet.server.ts). A plain .mjs
// file, never bundled: the server starts it by path at run time and it loads the TypeScript reader
// through tsx, so the same file runs under vitest, `npm run dev` and the production build.
import { parentPort, workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

const { readGrid } = await tsImport('./read-grid.server.ts', import.meta.url)
parentPort.postMessage(await readGrid(workerData.bytes, workerData.options))
