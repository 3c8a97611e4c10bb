-- Covers: LOAD DATA LOCAL of values a column cannot hold: converted with MariaDB's warnings
--   (1265, 1264, 1263, 1366), and its info line ("Records: R  Deleted: D  Skipped: S  Warnings: W")
--   with duplicates skipped or replaced. The data file is testdata/client/nonstrict_load.txt.
-- Source: written for seqd; compared live with MariaDB 10.11 (conformance/client_test.go).
set global local_infile=1;
create table t (a varchar(3), b int not null, c tinyint) engine=MyISAM;
load data local infile 'testdata/client/nonstrict_load.txt' into table t;
show warnings;
select * from t;
create table k (a varchar(3) primary key, b int not null, c tinyint) engine=MyISAM;
load data local infile 'testdata/client/nonstrict_load.txt' into table k;
load data local infile 'testdata/client/nonstrict_load.txt' into table k;
load data local infile 'testdata/client/nonstrict_load.txt' replace into table k;
select * from k;
drop table t, k;
set global local_infile=default;
