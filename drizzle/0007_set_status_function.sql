-- A status change in one round trip (ADR 0015): the transaction progress.repository.ts ran as
-- four statements from the application (begin; lock or create the state; append the event
-- and move the state; commit) now runs inside the database, called as one statement, so the
-- topic's row is locked for the time the work takes, not for three network round trips.
--
-- Returns the topic's state after the call and whether it changed. Asking for the status a
-- topic already has changes nothing and records nothing; its time is null when the topic has
-- no recorded change yet.
CREATE FUNCTION set_topic_status(
  p_user_id uuid,
  p_roadmap_slug text,
  p_topic_id text,
  p_status text,
  p_source text,
  p_at timestamptz
) RETURNS TABLE (state text, state_at timestamptz, changed boolean)
LANGUAGE plpgsql
AS $$
DECLARE
  current_status text;
  current_at timestamptz;
  known boolean;
  effective timestamptz;
  event_id bigint;
BEGIN
  SELECT tp.status, tp.updated_at, tp.last_event_id IS NOT NULL
    INTO current_status, current_at, known
    FROM topic_progress tp
    WHERE tp.user_id = p_user_id AND tp.roadmap_slug = p_roadmap_slug AND tp.topic_id = p_topic_id
    FOR UPDATE;
  IF NOT FOUND THEN
    IF p_status = 'not_started' THEN
      RETURN QUERY SELECT p_status, NULL::timestamptz, false;
      RETURN;
    END IF;
    -- A placeholder, so that two first changes of a topic cannot both go ahead: the second
    -- waits here for the first and then sees its state.
    INSERT INTO topic_progress AS tp
        (user_id, roadmap_slug, topic_id, status, updated_at, last_event_id)
      VALUES (p_user_id, p_roadmap_slug, p_topic_id, 'not_started', p_at, NULL)
      ON CONFLICT (user_id, roadmap_slug, topic_id) DO UPDATE SET status = tp.status
      RETURNING tp.status, tp.updated_at, tp.last_event_id IS NOT NULL
      INTO current_status, current_at, known;
  END IF;
  IF current_status = p_status THEN
    RETURN QUERY SELECT p_status, CASE WHEN known THEN current_at END, false;
    RETURN;
  END IF;
  -- Never earlier than the change before it, whatever the clocks of the instances.
  effective := CASE WHEN known AND current_at > p_at THEN current_at ELSE p_at END;
  INSERT INTO progress_events (user_id, roadmap_slug, topic_id, from_status, to_status, at, source)
    VALUES (p_user_id, p_roadmap_slug, p_topic_id, CASE WHEN known THEN current_status END,
            p_status, effective, p_source)
    RETURNING id INTO event_id;
  UPDATE topic_progress tp
    SET status = p_status, updated_at = effective, last_event_id = event_id
    WHERE tp.user_id = p_user_id AND tp.roadmap_slug = p_roadmap_slug AND tp.topic_id = p_topic_id;
  RETURN QUERY SELECT p_status, effective, true;
END;
$$;
