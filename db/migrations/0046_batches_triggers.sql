-- Belt and braces for issue 12's "never oversold" (decision 020): the model counts seated rows against the
-- batch's capacity inside one BEGIN IMMEDIATE transaction, and these triggers refuse, whichever code path
-- writes, a seated row beyond the sum of the batch's vehicle seats, a vehicle change that would leave fewer
-- seats than are taken, a seat number outside its vehicle or on another batch's vehicle, and a seat whose
-- copied departure date differs from its batch's (batch_seats_day_uq relies on the copy).
CREATE TRIGGER `batch_seats_capacity_insert` BEFORE INSERT ON `batch_seats`
  WHEN NEW.`status` = 'seated'
    AND (SELECT count(*) FROM `batch_seats` WHERE `batch_id` = NEW.`batch_id` AND `status` = 'seated')
      >= (SELECT coalesce(sum(`seats`), 0) FROM `batch_vehicles` WHERE `batch_id` = NEW.`batch_id`) BEGIN
  SELECT RAISE(ABORT, 'batch_seats_capacity: the batch has no free seat');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_seats_capacity_update` BEFORE UPDATE OF `status`, `batch_id` ON `batch_seats`
  WHEN NEW.`status` = 'seated' AND (OLD.`status` <> 'seated' OR OLD.`batch_id` <> NEW.`batch_id`)
    AND (SELECT count(*) FROM `batch_seats` WHERE `batch_id` = NEW.`batch_id` AND `status` = 'seated')
      >= (SELECT coalesce(sum(`seats`), 0) FROM `batch_vehicles` WHERE `batch_id` = NEW.`batch_id`) BEGIN
  SELECT RAISE(ABORT, 'batch_seats_capacity: the batch has no free seat');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_vehicles_capacity_update` BEFORE UPDATE OF `seats`, `batch_id` ON `batch_vehicles`
  WHEN NEW.`batch_id` <> OLD.`batch_id`
    OR (SELECT coalesce(sum(`seats`), 0) FROM `batch_vehicles` WHERE `batch_id` = OLD.`batch_id`) - OLD.`seats` + NEW.`seats`
      < (SELECT count(*) FROM `batch_seats` WHERE `batch_id` = OLD.`batch_id` AND `status` = 'seated')
    OR EXISTS (SELECT 1 FROM `batch_seats` WHERE `vehicle_id` = OLD.`id` AND `seat_no` > NEW.`seats`) BEGIN
  SELECT RAISE(ABORT, 'batch_vehicles_capacity: capacity below the seats taken');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_vehicles_capacity_delete` BEFORE DELETE ON `batch_vehicles`
  WHEN (SELECT coalesce(sum(`seats`), 0) FROM `batch_vehicles` WHERE `batch_id` = OLD.`batch_id`) - OLD.`seats`
    < (SELECT count(*) FROM `batch_seats` WHERE `batch_id` = OLD.`batch_id` AND `status` = 'seated') BEGIN
  SELECT RAISE(ABORT, 'batch_vehicles_capacity: capacity below the seats taken');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_seats_seat_in_vehicle_insert` BEFORE INSERT ON `batch_seats`
  WHEN NEW.`vehicle_id` IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM `batch_vehicles` WHERE `id` = NEW.`vehicle_id` AND `batch_id` = NEW.`batch_id` AND NEW.`seat_no` <= `seats`) BEGIN
  SELECT RAISE(ABORT, 'batch_seats_seat_in_vehicle: no such seat on this batch');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_seats_seat_in_vehicle_update` BEFORE UPDATE OF `vehicle_id`, `seat_no`, `batch_id` ON `batch_seats`
  WHEN NEW.`vehicle_id` IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM `batch_vehicles` WHERE `id` = NEW.`vehicle_id` AND `batch_id` = NEW.`batch_id` AND NEW.`seat_no` <= `seats`) BEGIN
  SELECT RAISE(ABORT, 'batch_seats_seat_in_vehicle: no such seat on this batch');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_seats_departure_date_insert` BEFORE INSERT ON `batch_seats`
  WHEN NEW.`departure_date` IS NOT (SELECT `departure_date` FROM `batches` WHERE `id` = NEW.`batch_id`) BEGIN
  SELECT RAISE(ABORT, 'batch_seats_departure_date: not the batch''s departure date');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_seats_departure_date_update` BEFORE UPDATE OF `departure_date`, `batch_id` ON `batch_seats`
  WHEN NEW.`departure_date` IS NOT (SELECT `departure_date` FROM `batches` WHERE `id` = NEW.`batch_id`) BEGIN
  SELECT RAISE(ABORT, 'batch_seats_departure_date: not the batch''s departure date');
END;
--> statement-breakpoint
CREATE TRIGGER `batch_seats_departure_date_sync` AFTER UPDATE OF `departure_date` ON `batches`
  WHEN NEW.`departure_date` IS NOT OLD.`departure_date` BEGIN
  UPDATE `batch_seats` SET `departure_date` = NEW.`departure_date` WHERE `batch_id` = NEW.`id`;
END;
