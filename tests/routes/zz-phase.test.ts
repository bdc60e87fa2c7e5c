import { test } from 'vitest'
import { readRegistrySheet } from '~/models/worker-import-read.server'
import { sharedStringsWideXlsx, wideCsv } from '../fixtures/wide-sheets'

async function sample<T>(label: string, run: () => Promise<T>) {
  global.gc?.()
  await new Promise((r) => setTimeout(r, 300))
  const base = process.memoryUsage().rss
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const t = performance.now()
  const out = await run()
  clearInterval(timer)
  console.log(label, 'ms', Math.round(performance.now() - t), 'rss growth MB', Math.round((peak - base) / 2 ** 20), 'base', Math.round(base / 2 ** 20))
  return out
}

test.runIf(process.env.MEASURE)('phases', async () => {
  const tiny = new TextEncoder().encode('姓名,身份证号码,乡镇（街道）\n冉,1,汉丰街道\n')
  await sample('tiny csv', () => readRegistrySheet(tiny, 'a.csv'))
  await sample('tiny csv again', () => readRegistrySheet(tiny, 'a.csv'))
  const xlsx = await sharedStringsWideXlsx()
  await sample('wide xlsx read', () => readRegistrySheet(xlsx, 'a.xlsx'))
  const csv = new TextEncoder().encode(wideCsv())
  await sample('wide csv read', () => readRegistrySheet(csv, 'a.csv'))
}, 120_000)
