import fc from 'fast-check'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { pageParam, paginate, parseListParams, searchWithPage } from './list'

test('页码在查询之前夹到范围内 / the page is clamped before the rows are read', () => {
  const reads: [number, number][] = []
  const rows = (limit: number, offset: number) => {
    reads.push([limit, offset])
    return Array.from({ length: Math.max(0, Math.min(limit, 45 - offset)) }, (_, i) => offset + i)
  }
  expect(paginate({ page: 3, pageSize: 20, total: 45, rows })).toMatchObject({ page: 3, pageCount: 3, total: 45 })
  expect(paginate({ page: 9, pageSize: 20, total: 45, rows })).toMatchObject({ page: 3, pageCount: 3, rows: [40, 41, 42, 43, 44] })
  expect(paginate({ page: 0, pageSize: 20, total: () => 45, rows })).toMatchObject({ page: 1 })
  expect(paginate({ page: 2, pageSize: 20, total: 0, rows })).toEqual({ rows: [], total: 0, page: 1, pageCount: 1, pageSize: 20 })
  expect(reads).toEqual([
    [20, 40],
    [20, 40],
    [20, 0],
  ])
})

test('任意页码和总数：显示的页总在 1…pageCount / for any page and total the page shown is within 1…pageCount', () => {
  fc.assert(
    fc.property(fc.integer({ min: -10, max: 10_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100 }), (page, total, pageSize) => {
      const p = paginate({ page, pageSize, total, rows: (limit, offset) => Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }) })
      expect(p.page).toBeGreaterThanOrEqual(1)
      expect(p.page).toBeLessThanOrEqual(p.pageCount)
      expect(p.rows.length).toBe(total === 0 ? 0 : Math.min(pageSize, total - (p.page - 1) * pageSize))
    }),
  )
})

test('参数解析：解析不了的丢掉，其余保留 / list parameters: what does not parse is dropped, the rest kept', () => {
  const schemas = { page: pageParam, status: z.enum(['open', 'closed']), q: z.string().max(5) }
  expect(parseListParams(new URLSearchParams('page=２&status=open&q=abc'), schemas)).toEqual({ page: 2, status: 'open', q: 'abc' })
  expect(parseListParams(new URLSearchParams('page=0&status=x&q=toolong&extra=1'), schemas)).toEqual({})
  expect(parseListParams(new URLSearchParams('page=&status='), schemas)).toEqual({})
})

test('分页链接保留其他参数 / pager links keep the other parameters', () => {
  expect(searchWithPage('?status=open&page=3', 4)).toBe('?status=open&page=4')
  expect(searchWithPage('?status=open&page=3', 1)).toBe('?status=open')
  expect(searchWithPage('', 1)).toBe('?')
})
