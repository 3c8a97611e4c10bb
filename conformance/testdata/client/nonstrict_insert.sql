-- Covers: the OK packet of INSERT, REPLACE and INSERT ... SELECT that convert bad values with
--   warnings: outside strict mode and in the later rows of a MyISAM table under
--   STRICT_TRANS_TABLES ("N rows affected, W warnings", "Records: R  Duplicates: 0  Warnings: W").
-- Source: written for seqd; compared live with MariaDB 10.11 (conformance/client_test.go).
create table t (a varchar(3), b int not null, c tinyint) engine=MyISAM;
insert into t values ('ab', 1, 1), ('abcdef', 2, 300), ('x', 3, 'y');
show warnings;
insert into t values ('abcdef', 4, 1), ('y', 5, 1);
insert into t values ('q', 6, 1), ('r', null, 1), ('s', 8, 1);
set sql_mode='';
insert into t values ('abcdef', 1, 1000);
insert into t select 'abcdef', null, 1000;
replace into t values ('abcd', 1, 1), ('efgh', 2, 2);
insert into t (c) values (1), (2);
show warnings;
select * from t;
drop table t;
