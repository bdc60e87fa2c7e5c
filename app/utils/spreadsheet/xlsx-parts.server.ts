import { StringDecoder } from 'node:string_decoder'
import { SaxesParser } from 'saxes'
import type { Entry, ZipFile } from 'yauzl'
import { GridLimitError, MAX_CELL_CHARS, type GridLimits } from './grid.server'

// What the xlsx reader's parts share: each ZIP entry is inflated through one byte counter and parsed as
// a stream of XML with a nesting limit. Runs inside the reading worker thread: imports nothing from the app.

/** Bytes still allowed to come out of inflate, for the whole file. */
export type Inflation = { left: number }

/** Thrown by a handler to stop reading an entry early (the probe of a sheet without the headers). */
export class StopReading extends Error {}

export type XmlHandlers = {
  open(name: string, attributes: Record<string, string>): void
  close?(name: string): void
  text?(text: string): void
}

/**
 * Inflates one entry through the byte counter and feeds it to a streaming XML parser. Element names
 * arrive without their namespace prefix. Returns false when a handler stopped the reading early.
 */
export async function parseEntry(zip: ZipFile, entry: Entry, inflation: Inflation, limits: GridLimits, handlers: XmlHandlers) {
  if (entry.isEncrypted()) throw new GridLimitError('encrypted')
  // The declared size is checked before inflating; the counter below holds even when the header lies.
  if (entry.uncompressedSize > inflation.left) throw new GridLimitError('bytes')
  const stream = await zip.openReadStreamPromise(entry)
  const parser = new SaxesParser({ position: false })
  let depth = 0
  parser.on('opentag', (tag) => {
    depth += 1
    if (depth > limits.maxDepth) throw new GridLimitError('depth')
    handlers.open(localName(tag.name), tag.attributes as Record<string, string>)
  })
  parser.on('closetag', (tag) => {
    depth -= 1
    handlers.close?.(localName(tag.name))
  })
  if (handlers.text) {
    parser.on('text', (t) => handlers.text?.(t))
    parser.on('cdata', (t) => handlers.text?.(t))
  }
  parser.on('error', (error: Error) => {
    throw error
  })
  const decoder = new StringDecoder('utf8')
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflation.left -= chunk.byteLength
      if (inflation.left < 0) throw new GridLimitError('bytes')
      parser.write(decoder.write(chunk))
    }
    parser.write(decoder.end())
    parser.close()
    return true
  } catch (error) {
    if (error instanceof StopReading) return false
    throw error
  } finally {
    stream.destroy()
  }
}

export function localName(name: string) {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

/** Collects the text of one cell, capped at Excel's 32,767 characters. */
export function createCellText() {
  const parts: string[] = []
  let length = 0
  return {
    add(t: string) {
      if (length >= MAX_CELL_CHARS) return
      const piece = t.length > MAX_CELL_CHARS - length ? t.slice(0, MAX_CELL_CHARS - length) : t
      parts.push(piece)
      length += piece.length
    },
    value: () => parts.join(''),
  }
}
export type CellText = ReturnType<typeof createCellText>
