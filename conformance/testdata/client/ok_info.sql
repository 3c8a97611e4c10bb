-- Covers: the OK packet as the mariadb client shows it: affected rows and the info line
--   ("Records: R  Duplicates: D  Warnings: W") of multi-row INSERT, INSERT IGNORE, REPLACE,
--   INSERT ... ON DUPLICATE KEY UPDATE, INSERT ... SELECT, CREATE TABLE ... SELECT (with UNION,
--   parenthesized) and ALTER TABLE: in place (0 rows) or copied (the table's rows), by engine
--   and option, sequences included.
-- Source: written for seqd; compared live with MariaDB 10.11 (conformance/client_test.go).
create table t (id int primary key auto_increment, v int, unique key(v));
insert into t (v) values (1),(2),(3);
insert into t (v) values (4);
insert ignore into t (v) values (1),(5);
replace into t (id, v) values (1, 10), (2, 20), (50, 50);
insert into t (v) values (10),(6) on duplicate key update v=v+100;
insert into t (v) select v+1000 from t;
update t set v=v+1 where id < 3;
create table t2 as select * from t;
create table t3 select 1 a union select 2;
create table t5 (select 1 a) union (select 2);
create table t6 engine=myisam select 1 a union select 2;
create table t7 (select 1 a);
select * from t3; select * from t5; select * from t6; select * from t7;
alter table t add column w int;
alter table t rename to t4;
alter table t4 comment='x';
alter table t4 min_rows=10;
alter table t4 row_format=dynamic;
alter table t4 checksum=1;
alter table t4 comment='a', max_rows=5;
alter table t4 pack_keys=1;
alter table t4 avg_row_length=100;
alter table t4 stats_persistent=1;
alter table t4 auto_increment=500;
alter table t4 add index (w);
alter table t4 modify w bigint;
alter table t4 rename to t1, comment='zz';
alter table t1 engine=aria;
alter table t1 page_checksum=1;
alter table t1 engine=innodb;
alter table t1 row_format=dynamic;
alter table t1 min_rows=3;
alter table t1 add column x int;
alter table t1 modify x bigint;
alter table t1 engine=innodb;
alter table t1 force;
alter table t1 order by v;
create index i on t1 (x);
drop index i on t1;
alter table t1 engine=myisam, force;
alter table t1 force;
create sequence s;
alter table s comment='x';
alter table s engine=innodb;
alter table s comment='x2';
alter table s force;
alter table s engine=myisam, comment='x3';
alter table s rename to s2;
alter sequence s2 increment 2;
create table m (a int) engine=memory;
insert into m values (1),(2);
alter table m comment='c';
delete from t1 where id=1;
