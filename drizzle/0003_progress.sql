CREATE TABLE "progress_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"roadmap_slug" text NOT NULL,
	"topic_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "progress_events_from_status_check" CHECK ("from_status" in ('not_started', 'learning', 'done', 'skipped', 'review')),
	CONSTRAINT "progress_events_to_status_check" CHECK ("to_status" in ('not_started', 'learning', 'done', 'skipped', 'review')),
	CONSTRAINT "progress_events_source_check" CHECK ("source" in ('web', 'api', 'cli', 'import'))
);
--> statement-breakpoint
CREATE TABLE "topic_progress" (
	"user_id" uuid NOT NULL,
	"roadmap_slug" text NOT NULL,
	"topic_id" text NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_event_id" bigint,
	CONSTRAINT "topic_progress_user_id_roadmap_slug_topic_id_pk" PRIMARY KEY("user_id","roadmap_slug","topic_id"),
	CONSTRAINT "topic_progress_status_check" CHECK ("status" in ('not_started', 'learning', 'done', 'skipped', 'review'))
);
--> statement-breakpoint
ALTER TABLE "progress_events" ADD CONSTRAINT "progress_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_progress" ADD CONSTRAINT "topic_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_progress" ADD CONSTRAINT "topic_progress_last_event_id_progress_events_id_fk" FOREIGN KEY ("last_event_id") REFERENCES "public"."progress_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_events_topic_idx" ON "progress_events" USING btree ("user_id","roadmap_slug","topic_id","id");