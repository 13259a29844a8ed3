-- Hot reload: every attempt to load a plugin version (a jar dropped into plugins/, a removal, a rollback),
-- whatever its outcome, with the duration of each phase of the swap protocol (DESIGN.md section 6).
-- Times are epoch milliseconds; durations are microseconds. Versions are "version" + first 12 hex digits
-- of the jar's SHA-256; old_* are empty when no version was running, new_* when the jar could not be read.

CREATE TABLE reload_events (
    event_id      BIGINT        NOT NULL PRIMARY KEY,
    at            BIGINT        NOT NULL,
    plugin_id     VARCHAR(200)  NOT NULL,
    trigger_kind  VARCHAR(16)   NOT NULL,
    jar           VARCHAR(2000) NOT NULL,
    old_version   VARCHAR(100)  NOT NULL,
    old_sha256    VARCHAR(64)   NOT NULL,
    new_version   VARCHAR(100)  NOT NULL,
    new_sha256    VARCHAR(64)   NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    reason        VARCHAR(100000) NOT NULL,
    strategies    VARCHAR(2000) NOT NULL,
    detect_micros   BIGINT      NOT NULL,
    load_micros     BIGINT      NOT NULL,
    validate_micros BIGINT      NOT NULL,
    swap_micros     BIGINT      NOT NULL
);
CREATE INDEX reload_events_plugin_at ON reload_events (plugin_id, at);
