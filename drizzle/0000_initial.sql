CREATE TABLE "roadmaps" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"version" text NOT NULL,
	"content_hash" text NOT NULL,
	"layout_width" real NOT NULL,
	"layout_height" real NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"roadmap_id" integer NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"box" jsonb NOT NULL,
	CONSTRAINT "sections_roadmap_id_id_pk" PRIMARY KEY("roadmap_id","id")
);
--> statement-breakpoint
CREATE TABLE "topic_edges" (
	"roadmap_id" integer NOT NULL,
	"from_topic" text NOT NULL,
	"to_topic" text NOT NULL,
	"points" jsonb NOT NULL,
	CONSTRAINT "topic_edges_roadmap_id_from_topic_to_topic_pk" PRIMARY KEY("roadmap_id","from_topic","to_topic")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"roadmap_id" integer NOT NULL,
	"id" text NOT NULL,
	"section_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"optional" boolean DEFAULT false NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hours" real NOT NULL,
	"concepts" jsonb NOT NULL,
	"resources" jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"exercise" jsonb NOT NULL,
	"body_markdown" text NOT NULL,
	"box" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "topics_roadmap_id_id_pk" PRIMARY KEY("roadmap_id","id")
);
--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_edges" ADD CONSTRAINT "topic_edges_roadmap_id_from_topic_topics_roadmap_id_id_fk" FOREIGN KEY ("roadmap_id","from_topic") REFERENCES "public"."topics"("roadmap_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_edges" ADD CONSTRAINT "topic_edges_roadmap_id_to_topic_topics_roadmap_id_id_fk" FOREIGN KEY ("roadmap_id","to_topic") REFERENCES "public"."topics"("roadmap_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "topics_roadmap_position_idx" ON "topics" USING btree ("roadmap_id","position");