-- Covers: values of common column types as the mariadb client shows them, TIME and DATETIME
--   without fractional seconds in particular.
-- Source: written for seqd; compared live with MariaDB 10.11 (conformance/client_test.go).
create table t2 (a int, b char(3) binary, c bit(3), d year, f double, g datetime(3), h time, i set('a','b'), j json, k blob, m tinyint(1), n varbinary(10), o date, p timestamp null, q datetime);
show create table t2;
insert into t2 values (1, 'abc', b'101', 2024, 2.5, '2024-01-01 10:00:00.123', '10:00:00', 'a,b', '{"x":1}', 'blob', 1, 'bin', '2024-02-29', '2024-01-01 10:00:00', '2024-01-01 10:00:00');
insert into t2 (a, h) values (2, '-838:59:59'), (3, '838:59:59'), (4, '00:00:01');
select a, b, c+0, d, f, g, h, i, j, k, m, hex(n), o, p, q from t2;
select h, timediff('2024-01-01 10:00:00', '2024-01-01 09:00:00'), cast('10:11:12' as time), time('10:11:12') from t2 order by a;
drop table t2;
