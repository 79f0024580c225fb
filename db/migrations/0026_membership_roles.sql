CREATE TYPE "public"."membership_role" AS ENUM('chair', 'vice_chair', 'member', 'substitute', 'secretary', 'observer');--> statement-breakpoint
DROP VIEW "public"."actor_memberships";--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "role" SET DATA TYPE "public"."membership_role" USING "role"::"public"."membership_role";--> statement-breakpoint
CREATE VIEW "public"."actor_memberships" AS (select "person_id", "organization_id", "start_date", "end_date" from "memberships" where "memberships"."role" <> 'substitute');