import { expect, test } from 'vitest'
import { readUpload, safeFileName, sniffFileKind, UploadError, type UploadLimits } from './upload.server'

// The shared upload reader: any file name works or gives a 400, sizes and part counts are limited
// while the body arrives (chunked bodies too), and the type comes from the bytes.

const LIMITS: UploadLimits = {
  fileFields: ['file'],
  accept: ['zip', 'text'],
  maxFileBytes: 1024 * 1024,
  maxFiles: 1,
  maxBodyBytes: 1024 * 1024 + 4096,
  maxParts: 5,
  maxFieldBytes: 100,
  tooLargeMessage: '太大',
  wrongTypeMessage: '类型不对',
}
const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW'
const utf8 = (s: string) => new TextEncoder().encode(s)

/** A multipart body as a browser writes it: the Content-Disposition line given raw (UTF-8). */
function multipart(parts: { disposition: string; type?: string; body: Uint8Array | string }[]) {
  const chunks: Uint8Array[] = []
  for (const p of parts) {
    chunks.push(utf8(`--${BOUNDARY}\r\nContent-Disposition: ${p.disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`))
    chunks.push(typeof p.body === 'string' ? utf8(p.body) : p.body)
    chunks.push(utf8('\r\n'))
  }
  chunks.push(utf8(`--${BOUNDARY}--\r\n`))
  return new Uint8Array(Buffer.concat(chunks))
}

function request(body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request('http://localhost/upload', {
    method: 'POST',
    body,
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
}

async function refusal(run: Promise<unknown>) {
  try {
    await run
  } catch (error) {
    if (error instanceof UploadError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('expected an UploadError')
}

/** A body stream that counts how many chunks were pulled from it. */
function countingStream(chunk: Uint8Array, times: number) {
  const counter = { pulled: 0 }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled === times) return controller.close()
        counter.pulled += 1
        controller.enqueue(chunk)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, counter }
}

test('任何文件名都能上传：等号、分号、引号、中文、路径、超长 / any file name uploads: =, ;, quotes, Chinese, paths, very long', async () => {
  const cases: [string, string][] = [
    ['filename="台账=最终版.csv"', '台账=最终版.csv'],
    ['filename="a;b=c.csv"', 'a;b=c.csv'],
    ['filename="he said %22hi%22.csv"', 'he said %22hi%22.csv'], // Chromium and Firefox escape " as %22
    ['filename="he said \\"hi\\".csv"', 'he said "hi".csv'], // curl escapes it with a backslash
    ['filename="../../etc/passwd.csv"', 'passwd.csv'],
    ['filename="C:\\\\Users\\\\a\\\\名单.csv"', '名单.csv'],
    [`filename*=UTF-8''${encodeURIComponent('开州区台账.csv')}`, '开州区台账.csv'],
    [`filename="${'长'.repeat(300)}.csv"`, '长'.repeat(255)],
    ['filename="\u202egpj.csv"', 'gpj.csv'],
  ]
  for (const [param, expected] of cases) {
    const body = multipart([{ disposition: `form-data; name="file"; ${param}`, type: 'text/csv', body: '姓名,身份证号码\r\n' }])
    const upload = await readUpload(request(body), LIMITS)
    expect(upload.files.map((f) => [f.name, f.kind])).toEqual([[expected, 'text']])
  }
  // A header line past 16 KB is not a file name but an attack: 400, never a 500.
  const huge = multipart([{ disposition: `form-data; name="file"; filename="${'x'.repeat(20_000)}.csv"`, body: 'a' }])
  expect(await refusal(readUpload(request(huge), LIMITS))).toEqual({ status: 400, message: expect.any(String) })
})

test('声明超限的请求一个字节都不读就 413 / a body declared over the limit gets 413 before a byte is read', async () => {
  const { stream, counter } = countingStream(new Uint8Array(64 * 1024), 100)
  const refused = await refusal(readUpload(request(stream, { 'Content-Length': String(100 * 64 * 1024) }), LIMITS))
  expect(refused).toEqual({ status: 413, message: '太大' })
  expect(counter.pulled).toBe(0)
})

test('没有 Content-Length 的分块上传读到上限就停 / a chunked body without Content-Length stops at the limit', async () => {
  const head = utf8(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n`)
  const { stream: tail, counter } = countingStream(new Uint8Array(64 * 1024).fill(0x61), 10_000)
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head)
    },
    async pull(controller) {
      const reader = ((this as unknown as { reader?: ReadableStreamDefaultReader<Uint8Array> }).reader ??= tail.getReader())
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
  })
  expect(await refusal(readUpload(request(stream), LIMITS))).toEqual({ status: 413, message: '太大' })
  // 1 MB allowed: about 17 chunks of 64 KB were read, not the 640 MB on offer.
  expect(counter.pulled).toBeLessThan(40)
})

test('部件太多、文件太多、字段太长是 413 / too many parts, too many files, an over-long field are 413', async () => {
  const many = multipart(Array.from({ length: 10 }, (_, i) => ({ disposition: `form-data; name="f${i}"`, body: 'x' })))
  expect((await refusal(readUpload(request(many), LIMITS))).status).toBe(413)
  const twoFiles = multipart([
    { disposition: 'form-data; name="file"; filename="a.csv"', body: 'a' },
    { disposition: 'form-data; name="file"; filename="b.csv"', body: 'b' },
  ])
  expect((await refusal(readUpload(request(twoFiles), LIMITS))).status).toBe(413)
  const longField = multipart([{ disposition: 'form-data; name="note"', body: 'x'.repeat(500) }])
  expect((await refusal(readUpload(request(longField), LIMITS))).status).toBe(413)
})

test('类型看文件头，不看文件名：改名的 PNG 是 415 / the type comes from the bytes, not the name: a renamed PNG is 415', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
  const body = multipart([{ disposition: 'form-data; name="file"; filename="台账.csv"', type: 'text/csv', body: png }])
  expect(await refusal(readUpload(request(body), LIMITS))).toEqual({ status: 415, message: '类型不对' })
  const zip = multipart([{ disposition: 'form-data; name="file"; filename="a.png"', type: 'image/png', body: new Uint8Array([0x50, 0x4b, 3, 4, 0]) }])
  expect((await readUpload(request(zip), LIMITS)).files[0]).toMatchObject({ kind: 'zip', declaredType: 'image/png' })
})

test('空文件框、别的字段、坏的表单 / an empty file input, other fields, broken bodies', async () => {
  const empty = multipart([
    { disposition: 'form-data; name="file"; filename=""', type: 'application/octet-stream', body: '' },
    { disposition: 'form-data; name="intent"', body: 'import' },
    { disposition: 'form-data; name="other"; filename="x.csv"', body: 'dropped' },
  ])
  expect(await readUpload(request(empty), LIMITS)).toEqual({ fields: [['intent', 'import']], files: [] })
  const truncated = multipart([{ disposition: 'form-data; name="file"; filename="a.csv"', body: 'abc' }]).slice(0, 80)
  expect((await refusal(readUpload(request(truncated), LIMITS))).status).toBe(400)
  const noBoundary = new Request('http://localhost/upload', { method: 'POST', body: 'x', headers: { 'Content-Type': 'multipart/form-data' } })
  expect((await refusal(readUpload(noBoundary, LIMITS))).status).toBe(400)
  for (const type of ['text/plain', 'application/json', 'application/x-www-form-urlencoded']) {
    const wrong = new Request('http://localhost/upload', { method: 'POST', body: 'file=abc', headers: { 'Content-Type': type } })
    expect((await refusal(readUpload(wrong, LIMITS))).status).toBe(400)
  }
})

test('文件头判断类型 / magic bytes decide the kind', () => {
  expect(sniffFileKind(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip')
  expect(sniffFileKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole')
  expect(sniffFileKind(utf8('%PDF-1.7'))).toBe('pdf')
  expect(sniffFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
  expect(sniffFileKind(utf8('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('webp')
  expect(sniffFileKind(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toBe('text')
  expect(sniffFileKind(utf8('姓名,身份证号码'))).toBe('text')
  expect(sniffFileKind(new Uint8Array([1, 0, 2]))).toBeNull()
  expect(sniffFileKind(new Uint8Array())).toBeNull()
  expect(safeFileName('a/b\\c\u0000d.csv')).toBe('cd.csv')
})

test('选了 0 字节的文件：400，说文件是空的 / a chosen 0-byte file is a 400 saying the file is empty, not a type refusal', async () => {
  const body = multipart([{ disposition: 'form-data; name="file"; filename="车票.jpg"', type: 'image/jpeg', body: '' }])
  expect(await refusal(readUpload(request(body), LIMITS))).toEqual({ status: 400, message: '文件“车票.jpg”是空的（0 字节），请重新选择文件' })
})

test('带脚本、附件的 PDF 被拒，普通 PDF 照收 / a PDF with a script or an attachment is refused, a plain one is kept', async () => {
  const pdfLimits: UploadLimits = { ...LIMITS, accept: ['pdf'] }
  const plain = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
  const send = (pdf: string | Uint8Array) =>
    readUpload(request(multipart([{ disposition: 'form-data; name="file"; filename="证明.pdf"', body: pdf }])), pdfLimits)
  expect((await send(plain)).files[0]).toMatchObject({ kind: 'pdf' })
  const script = plain.replace('/Type/Catalog', '/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>')
  const escaped = plain.replace('/Type/Catalog', '/Type/Catalog/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>')
  const launch = plain.replace('/Type/Catalog', '/Type/Catalog/OpenAction<</S/Launch/F(calc.exe)>>')
  const attached = plain.replace('/Type/Catalog', '/Type/Catalog/Names<</EmbeddedFiles 3 0 R>>')
  for (const pdf of [script, escaped, launch, attached]) {
    expect((await refusal(send(pdf))).status, pdf).toBe(415)
  }
  // Dictionaries packed into a deflated object stream (PDF 1.5+) are looked into as well.
  const { deflateSync } = await import('node:zlib')
  const packed = (inside: string) => {
    const data = deflateSync(Buffer.from(inside, 'latin1'))
    return Buffer.concat([
      Buffer.from(`%PDF-1.5\n4 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length ${data.length}>>stream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'),
    ])
  }
  expect((await send(new Uint8Array(packed('1 0 <</Type/Catalog/Pages 2 0 R>>')))).files).toHaveLength(1)
  expect((await refusal(send(new Uint8Array(packed('1 0 <</Type/Catalog/OpenAction<</S/JavaScript/JS 5 0 R>>>>'))))).status).toBe(415)
})
