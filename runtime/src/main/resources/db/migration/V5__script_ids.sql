-- Script components are identified by "script:<absolute folder path>" (issue #4): in component_versions.source
-- and reload_events.plugin_id. 200 characters is too few for the temp paths of CI runners and for deep
-- checkouts, so both widen to 2000, like reload_events.jar. Portable H2 2.x / PostgreSQL 15+: both accept
-- ALTER COLUMN ... SET DATA TYPE, keep NOT NULL, and rebuild the indexes on the column (reload_events_plugin_at).
-- 2000 stays under PostgreSQL's B-tree entry limit (~2700 bytes) for the indexed plugin_id.

ALTER TABLE component_versions ALTER COLUMN source SET DATA TYPE VARCHAR(2000);
ALTER TABLE reload_events ALTER COLUMN plugin_id SET DATA TYPE VARCHAR(2000);
