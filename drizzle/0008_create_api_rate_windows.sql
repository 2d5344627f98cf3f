CREATE TABLE "api_rate_windows" (
	"token_id" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_rate_windows_pkey" PRIMARY KEY("token_id","window_start")
);
