-- The ledger search (issue 10): staff type part of a phone number, the tail of an ID number or part of a
-- name, which LIKE '%…%' can only find by reading every row of the county (300,000 in Kaizhou). A
-- trigram index over exactly those three columns finds the rows holding any typed run of three or more
-- characters; the list then checks each hit with the same LIKE as before, so it finds exactly what it
-- found before (app/models/worker.server.ts). rowid = workers.id; the index holds no copy of the text
-- (content = workers) and is kept by the triggers below, whatever writes the ledger.
CREATE VIRTUAL TABLE `workers_search` USING fts5(`name`, `phone`, `id_number`, content = 'workers', content_rowid = 'id', tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `workers_search` (`workers_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `workers_search_insert` AFTER INSERT ON `workers` BEGIN
  INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`) VALUES (NEW.`id`, NEW.`name`, NEW.`phone`, NEW.`id_number`);
END;
--> statement-breakpoint
CREATE TRIGGER `workers_search_delete` AFTER DELETE ON `workers` BEGIN
  INSERT INTO `workers_search` (`workers_search`, `rowid`, `name`, `phone`, `id_number`) VALUES ('delete', OLD.`id`, OLD.`name`, OLD.`phone`, OLD.`id_number`);
END;
--> statement-breakpoint
CREATE TRIGGER `workers_search_update` AFTER UPDATE OF `name`, `phone`, `id_number` ON `workers` BEGIN
  INSERT INTO `workers_search` (`workers_search`, `rowid`, `name`, `phone`, `id_number`) VALUES ('delete', OLD.`id`, OLD.`name`, OLD.`phone`, OLD.`id_number`);
  INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`) VALUES (NEW.`id`, NEW.`name`, NEW.`phone`, NEW.`id_number`);
END;
