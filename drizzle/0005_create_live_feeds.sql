CREATE TABLE "live_feeds" (
	"instrument_id" text PRIMARY KEY NOT NULL,
	"stream_id" integer,
	"signature" text,
	"last_record_no" bigint,
	"last_record_time" timestamp with time zone,
	"last_received_at" timestamp with time zone,
	"records_received" bigint DEFAULT 0 NOT NULL,
	"timestamp_corrections" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'starting' NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"holder" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"instrument_id" text NOT NULL,
	"stream_id" integer NOT NULL,
	"record_no" bigint NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"values" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "live_gaps" ALTER COLUMN "from_record" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "live_gaps" ALTER COLUMN "to_record" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "live_gaps" ADD COLUMN "missing_records" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "live_gaps" ADD COLUMN "recovered_records" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "live_feeds" ADD CONSTRAINT "live_feeds_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_feeds" ADD CONSTRAINT "live_feeds_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "live_records_stream_id_time_key" ON "live_records" USING btree ("stream_id","time");--> statement-breakpoint
CREATE INDEX "live_records_instrument_id_id_idx" ON "live_records" USING btree ("instrument_id","id");--> statement-breakpoint
CREATE INDEX "live_records_instrument_id_time_idx" ON "live_records" USING btree ("instrument_id","time");