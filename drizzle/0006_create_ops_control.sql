CREATE TABLE "component_commands" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "component_commands_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"component" text NOT NULL,
	"host" text NOT NULL,
	"action" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"handled_by" text,
	"handled_at" timestamp with time zone,
	"result" text
);
--> statement-breakpoint
CREATE TABLE "schedule_pauses" (
	"queue" text NOT NULL,
	"key" text NOT NULL,
	"cron" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"paused_by" text NOT NULL,
	"paused_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_pauses_pkey" PRIMARY KEY("queue","key")
);
--> statement-breakpoint
CREATE INDEX "component_commands_host_state_idx" ON "component_commands" USING btree ("host","state");--> statement-breakpoint
CREATE INDEX "component_commands_requested_at_idx" ON "component_commands" USING btree ("requested_at" DESC NULLS LAST);