-- API tokens expire. Tokens made before expiry existed get 90 days from their creation, but at
-- least 30 days from this upgrade, so integrations are not cut off on the day of the upgrade and
-- their owners can see the date on /konto/tokens and make a new token in time. The backfill sits
-- here rather than in a migration of its own because NOT NULL cannot be set before it.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "api_tokens" SET "expires_at" = GREATEST("created_at" + interval '90 days', now() + interval '30 days');--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "login_throttles" ADD COLUMN "last_attempt_refused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");
