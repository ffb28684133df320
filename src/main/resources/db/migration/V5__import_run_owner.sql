-- Which process runs an import and the file it reads: a replica closes a run whose process stopped beating, and
-- removes its spool file (V2's heartbeat alone left a crashed run RUNNING until a restart five minutes later).
alter table import_run add column owner varchar(300);
alter table import_run add column spool_file varchar(1000);
create index import_run_running_idx on import_run (heartbeat_at) where status = 'RUNNING';
