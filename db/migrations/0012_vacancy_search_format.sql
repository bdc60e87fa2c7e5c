-- The format each full-text index was last built in. vacancy_search's documents are written by the
-- application (bigrams, place names, a private-use separator), so a new format cannot be written in SQL:
-- `npm run setup` rebuilds the documents when the stored format differs from the code's
-- (app/models/vacancy-search.server.ts). No row yet: every existing document is rebuilt once.
CREATE TABLE `search_index_formats` (
	`name` text PRIMARY KEY NOT NULL,
	`format` integer NOT NULL,
	`rebuilt_at` integer NOT NULL
);
