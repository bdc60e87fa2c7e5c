-- Full-text search over vacancies for the public board. Chinese has no spaces between words, and
-- SQLite's trigram tokenizer cannot match two-character words such as 焊工, so the application writes
-- each post's text as overlapping character bigrams (电焊工 → "电焊 焊工") into `bi`, and single
-- characters into `uni` for one-character searches (app/rules/cjk-search.ts). rowid = vacancies.id.
CREATE VIRTUAL TABLE `vacancy_search` USING fts5(`uni`, `bi`, tokenize = 'unicode61');
