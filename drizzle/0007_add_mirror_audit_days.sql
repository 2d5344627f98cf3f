CREATE TABLE "mirror_audit_days" (
	"audit_id" integer NOT NULL,
	"instrument" text NOT NULL,
	"day" date NOT NULL,
	"source_count" integer NOT NULL,
	"missing_on_target" integer NOT NULL,
	"differs" integer NOT NULL,
	CONSTRAINT "mirror_audit_days_audit_id_instrument_day_pk" PRIMARY KEY("audit_id","instrument","day")
);
--> statement-breakpoint
ALTER TABLE "mirror_audit_days" ADD CONSTRAINT "mirror_audit_days_audit_id_mirror_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."mirror_audits"("id") ON DELETE cascade ON UPDATE no action;