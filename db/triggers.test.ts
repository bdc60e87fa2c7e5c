import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { openDatabase } from './connection'

// Kept figures and the public page cache rest on triggers: application_counts, county_application_counts, ledger_counts,
// county_board, county_open_posts, bureau_open_posts, bureau_post_counts, report_queue, county_month_counts, bureau_month_counts, hire_figures, hire_industry_months, hire_people_years, bureau_post_months, county_post_months, shandong_hires, poverty_employment_counts,
// worker_account_counts, ledger_skill_texts, ledger_birth_counts and workers_search are written by them, and public_board_version tells every process that a stored board
// page is stale (server/public-cache.ts). SQLite drops a table's triggers with the table, and drizzle-kit
// changes a column by rebuilding the table (create `__new_x`, copy, drop, rename), so a later migration
// could silently remove one: the figures would drift and the board would serve stale pages for up to
// 60 s. This list fails such a migration until it re-creates its triggers, and a new trigger until it is listed here.
const TRIGGERS_BY_TABLE: Record<string, string[]> = {
  applications: [
    'application_counts_delete',
    'application_counts_insert',
    'application_counts_update',
    'bureau_month_counts_application_delete',
    'bureau_month_counts_application_insert',
    'bureau_month_counts_application_update',
    'county_application_counts_delete',
    'county_application_counts_insert',
    'county_application_counts_update',
    'county_month_counts_application_delete',
    'county_month_counts_application_insert',
    'county_month_counts_application_update',
  ],
  areas: ['public_board_version_areas_delete', 'public_board_version_areas_insert', 'public_board_version_areas_update'],
  audit_log: ['audit_log_no_delete', 'audit_log_no_update'],
  // The seat guards of decision 020 (migration 0046_batches_triggers): they refuse an oversold or misplaced seat.
  batch_seats: [
    'batch_seats_capacity_insert',
    'batch_seats_capacity_update',
    'batch_seats_departure_date_insert',
    'batch_seats_departure_date_update',
    'batch_seats_seat_in_vehicle_insert',
    'batch_seats_seat_in_vehicle_update',
  ],
  batch_vehicles: ['batch_vehicles_capacity_delete', 'batch_vehicles_capacity_update'],
  batches: ['batch_seats_departure_date_sync'],
  county_board: ['county_open_posts_delete', 'county_open_posts_insert', 'county_open_posts_update'],
  employers: ['hire_figures_employer_industry', 'public_board_version_employers_delete', 'public_board_version_employers_update'],
  employment_records: [
    'bureau_month_counts_hire_delete',
    'bureau_month_counts_hire_insert',
    'bureau_month_counts_hire_update',
    'county_month_counts_hire_delete',
    'county_month_counts_hire_insert',
    'county_month_counts_hire_update',
    'hire_figures_delete',
    'hire_figures_insert',
    'hire_figures_update',
    'shandong_hires_delete',
    'shandong_hires_insert',
    'shandong_hires_update',
  ],
  hire_figures: ['hire_rollups_delete', 'hire_rollups_insert', 'hire_rollups_update'],
  organisations: ['public_board_version_organisations_update'],
  pairings: ['public_board_version_pairings_delete', 'public_board_version_pairings_insert', 'public_board_version_pairings_update'],
  vacancies: [
    'bureau_open_posts_delete',
    'bureau_open_posts_insert',
    'bureau_open_posts_update',
    'bureau_post_counts_delete',
    'bureau_post_counts_insert',
    'bureau_post_counts_update',
    'bureau_post_months_delete',
    'bureau_post_months_insert',
    'bureau_post_months_update',
    'county_board_vacancies_update',
    'county_post_months_vacancy_delete',
    'county_post_months_vacancy_update',
    'hire_figures_vacancy_industry',
    'public_board_version_vacancies_delete',
    'public_board_version_vacancies_insert',
    'public_board_version_vacancies_update',
    'report_queue_vacancy_move',
  ],
  vacancy_reports: ['report_queue_delete', 'report_queue_insert', 'report_queue_update'],
  vacancy_targets: [
    'county_board_targets_delete',
    'county_board_targets_insert',
    'county_board_targets_update',
    'county_post_months_target_delete',
    'county_post_months_target_insert',
    'public_board_version_vacancy_targets_delete',
    'public_board_version_vacancy_targets_insert',
    'public_board_version_vacancy_targets_update',
  ],
  workers: [
    'county_application_counts_worker_move',
    'county_month_counts_worker_move',
    'hire_figures_worker_move',
    'ledger_birth_counts_delete',
    'ledger_birth_counts_insert',
    'ledger_birth_counts_update',
    'ledger_counts_workers_delete',
    'ledger_counts_workers_insert',
    'ledger_counts_workers_move',
    'ledger_skill_texts_delete',
    'ledger_skill_texts_insert',
    'ledger_skill_texts_update',
    'poverty_employment_counts_worker_delete',
    'poverty_employment_counts_worker_insert',
    'poverty_employment_counts_worker_update',
    'workers_archive_reason_check_insert',
    'workers_archive_reason_check_update',
    'workers_search_delete',
    'workers_search_insert',
    'workers_search_update',
  ],
  users: ['worker_account_counts_delete', 'worker_account_counts_insert', 'worker_account_counts_update'],
  shandong_hires: ['poverty_employment_counts_shandong_delete', 'poverty_employment_counts_shandong_insert'],
}

test('迁移之后所有维护计数和缓存的触发器都在 / after every migration, the triggers that keep counts and the page cache are all there', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luyu-triggers-')), 'portal.db')
  const db = openDatabase(file)
  const rows = db.$client.prepare("select name, tbl_name as tableName from sqlite_master where type = 'trigger'").all() as {
    name: string
    tableName: string
  }[]
  db.$client.close()
  const actual: Record<string, string[]> = {}
  for (const { name, tableName } of rows) (actual[tableName] ??= []).push(name)
  for (const names of Object.values(actual)) names.sort()
  expect(actual).toEqual(TRIGGERS_BY_TABLE)
})
