CREATE TABLE "topic_notes" (
	"user_id" uuid NOT NULL,
	"roadmap_slug" text NOT NULL,
	"topic_id" text NOT NULL,
	"markdown" text NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "topic_notes_user_id_roadmap_slug_topic_id_pk" PRIMARY KEY("user_id","roadmap_slug","topic_id"),
	CONSTRAINT "topic_notes_markdown_length_check" CHECK (char_length("markdown") <= 20000),
	CONSTRAINT "topic_notes_version_check" CHECK ("version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "topic_notes" ADD CONSTRAINT "topic_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;