CREATE TABLE "start_page_visits" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"previous_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "start_page_visits" ADD CONSTRAINT "start_page_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;