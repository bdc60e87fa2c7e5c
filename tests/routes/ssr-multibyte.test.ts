import { PassThrough } from 'node:stream'
import { createElement, type ReactElement } from 'react'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'

// React 18.3.1's streaming renderer packs text into 2,048-byte views; when a Chinese character (3 bytes in
// UTF-8) did not fit in the space left, it sent the whole view, unwritten zero bytes included, so a page could
// read 提��交日期 (seen on /west/claims). patches/react-dom+18.3.1.patch sends only the written bytes.

/** Streams `element` as the portal's server does and returns the bytes. */
function streamed(element: ReactElement) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    const sink = new PassThrough()
    sink.on('data', (chunk: Buffer) => chunks.push(chunk))
    sink.on('end', () => resolve(Buffer.concat(chunks)))
    const stream = renderToPipeableStream(element, { onAllReady: () => stream.pipe(sink), onError: reject })
  })
}

test('流式渲染的中文在 2048 字节边界上不被截坏 / Chinese text streamed across the 2,048-byte views arrives intact', async () => {
  // Every alignment of a 3-byte character against the view's end: ASCII runs of 0–2 extra bytes between words.
  const rows = Array.from({ length: 600 }, (_, i) => `${'a'.repeat(i % 3)}提交日期交通补助${i}`)
  const page = createElement(
    'ul',
    null,
    rows.map((row) => createElement('li', { key: row }, row)),
  )
  const bytes = await streamed(page)
  expect(bytes.includes(0)).toBe(false)
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  expect(text).toBe(renderToString(page))
})
