import path from 'node:path'

/** Scratch space for test databases and uploads; git-ignored, removed and remade by each run. */
export const TEST_TMP = path.resolve('tests/.tmp')
