CREATE TABLE "concept_checks" (
	"user_id" uuid NOT NULL,
	"roadmap_slug" text NOT NULL,
	"topic_id" text NOT NULL,
	"concept" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "concept_checks_user_id_roadmap_slug_topic_id_concept_pk" PRIMARY KEY("user_id","roadmap_slug","topic_id","concept")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key_hash" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" text,
	"meta" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_hash_pk" PRIMARY KEY("scope","key_hash")
);
--> statement-breakpoint
CREATE TABLE "learner_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"wip_limit" integer DEFAULT 3 NOT NULL,
	"weekly_goal_unit" text DEFAULT 'topics' NOT NULL,
	"weekly_goal" real DEFAULT 3 NOT NULL,
	"hours_per_week" real DEFAULT 5 NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"username" text,
	"profile_public" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learner_settings_wip_limit_check" CHECK ("wip_limit" between 1 and 100),
	CONSTRAINT "learner_settings_weekly_goal_unit_check" CHECK ("weekly_goal_unit" in ('topics', 'hours')),
	CONSTRAINT "learner_settings_weekly_goal_check" CHECK ("weekly_goal" between 0 and 168),
	CONSTRAINT "learner_settings_hours_per_week_check" CHECK ("hours_per_week" > 0 and "hours_per_week" <= 168),
	CONSTRAINT "learner_settings_username_check" CHECK ("username" ~ '^[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])$'),
	CONSTRAINT "learner_settings_public_needs_username_check" CHECK (not "profile_public" or "username" is not null)
);
--> statement-breakpoint
CREATE TABLE "roadmap_visits" (
	"user_id" uuid NOT NULL,
	"roadmap_slug" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"previous_seen_at" timestamp with time zone,
	CONSTRAINT "roadmap_visits_user_id_roadmap_slug_pk" PRIMARY KEY("user_id","roadmap_slug")
);
--> statement-breakpoint
CREATE TABLE "topic_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"roadmap_slug" text NOT NULL,
	"topic_id" text NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "added_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "concept_checks" ADD CONSTRAINT "concept_checks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_settings" ADD CONSTRAINT "learner_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_visits" ADD CONSTRAINT "roadmap_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_links" ADD CONSTRAINT "topic_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "learner_settings_username_idx" ON "learner_settings" USING btree ("username");--> statement-breakpoint
CREATE INDEX "topic_links_topic_idx" ON "topic_links" USING btree ("user_id","roadmap_slug","topic_id","created_at");