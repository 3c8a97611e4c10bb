package sequences

import "testing"

// Scripts of NEXTVAL, SETVAL, ALTER, INSERT and FLUSH with the values and rows MariaDB shows.
// Each case names the MariaDB test it comes from (suite/sql_sequence/<file>.test and .result)
// or says it was recorded from MariaDB 10.11.14.
var sequenceScripts = []struct {
	name, script string
}{
	{"next.test: cycle with cache 2", `
		create sequence t1 start with 1 minvalue 1 maxvalue 10 increment by 1 cache 2 cycle
		next => 1
		row => 3 0
		next => 2
		row => 3 0
		next => 3
		row => 5 0
		next
		next
		next
		next
		next
		next => 9
		row => 11 0
		next => 10
		row => 11 0
		next => 1
		row => 3 1
		next => 2`},
	{"next.test: descending cycle", `
		create sequence t1 minvalue 1 maxvalue 10 increment by -1 cache 2 cycle
		next => 10
		row => 8 0
		next => 9
		next => 8
		row => 6 0
		next
		next
		next
		next
		next => 3
		next => 2
		row => 0 0
		next => 1
		next => 10
		row => 8 1`},
	{"next.test: run out, then stays out", `
		create sequence t1 start with 8 minvalue 1 maxvalue 10 increment by 1 cache 2 nocycle
		next => 8
		next => 9
		next => 10
		next => ERROR 4084
		next => ERROR 4084`},
	{"next.test: run out with cache 2", `
		create sequence s1 start with 1 cache 2 maxvalue 5
		next => 1
		next => 2
		next => 3
		next => 4
		next => 5
		next => ERROR 4084`},
	{"next.test: flush discards the cache", `
		create sequence t1 start with 1 minvalue 1 maxvalue 100 increment by 1 cache 10
		next => 1
		table => 11 1 100 1 1 10 0 0
		flush
		next => 11
		next => 12`},
	{"next.test: cycle_count after two rounds", `
		create sequence t9 start with 1 minvalue 1 maxvalue 10 increment by 1 cache 5 cycle
		next
		next
		next
		next
		next
		next
		next
		next
		next
		next => 10
		next => 1
		next
		next
		next
		next
		next
		next
		next
		next
		next => 10
		next => 1
		next => 2
		table => 6 1 10 1 1 5 1 2`},
	{"next.test: cache 0 and 1 write every value", `
		create sequence s1 cache=0
		table => 1 1 9223372036854775806 1 1 0 0 0
		next => 1
		row => 2 0
		next => 2
		row => 3 0
		saves => 2
		create sequence s2 cache=1
		next => 1
		row => 2 0
		next => 2
		row => 3 0
		saves => 2
		create sequence s3 cache=2
		next => 1
		row => 3 0
		next => 2
		row => 3 0
		saves => 1`},
	{"next.test: alter increment then restart", `
		create sequence s1
		next => 1
		next => 2
		next => 3
		next => 4
		alter increment -2 => ok
		table => 1001 1 9223372036854775806 1 -2 1000 0 0
		next => 1001
		next => 999
		alter restart 6 => ok
		next => 6
		next => 4
		next => 2
		next => ERROR 4084`},
	{"next.test: InnoDB cache 20 then flush", `
		create sequence s1 minvalue 1 maxvalue 9999999999 increment by 1 start with 3984356 cache 20 cycle
		table => 3984356 1 9999999999 3984356 1 20 1 0
		next => 3984356
		next => 3984357
		next => 3984358
		flush
		next => 3984376`},
	{"next.test: descending flush", `
		create sequence s1 start 1 minvalue -1000 maxvalue 1000 increment -1
		next => 1
		next => 0
		row => -999 0
		flush
		next => -999`},
	{"setval.test: setval with cache 10", `
		create sequence t1 cache 10
		row => 1 0
		setval 10 => 10
		row => 11 0
		next => 11
		setval 12 1 => 12
		row => 21 0
		next => 13
		setval 15 0 => 15
		row => 21 0
		next => 15
		setval 16 0 => 16
		next => 16
		setval 1000 0 => 1000
		next => 1000
		row => 1010 0
		setval 2000 0 => 2000
		next => 2000
		row => 2010 0
		setval 1000 0 => NULL
		next => 2001
		setval 1000 1 => NULL
		next => 2002
		row => 2010 0
		setval 2002 0 => NULL
		next => 2003
		setval 2010 0 => 2010
		next => 2010
		row => 2020 0`},
	{"setval.test: setval with cycle and rounds", `
		create sequence t1 cache=10 maxvalue=100 cycle
		row => 1 0
		setval 100 0 => 100
		row => 100 0
		next => 100
		row => 101 0
		setval 100 0 => NULL
		row => 101 0
		next => 1
		row => 11 1
		next => 2
		setval 100 0 1 => 100
		row => 100 1
		next => 100
		setval 100 1 2 => 100
		row => 101 2
		next => 1
		setval 100 0 3 => 100
		row => 100 3
		next => 100`},
	{"setval.test: left to right in one statement", `
		create sequence t1 cache 10
		setval 10 0 => 10
		setval 15 1 => 15
		setval 5 1 => NULL
		next => 16`},
	{"recorded: setval past maxvalue is accepted and runs out", `
		create sequence c start 5 minvalue 1 maxvalue 10 cache 3
		next => 5
		next => 6
		next => 7
		next => 8
		next => 9
		next => 10
		row => 11 0
		next => ERROR 4084
		alter maxvalue 20 => ok
		row => 11 0
		next => 11
		setval 50 => 50
		row => 21 0
		next => ERROR 4084`},
	{"recorded: setval to a later round without cycle", `
		create sequence s cache 5
		setval 10 0 3 => ERROR 4084
		next => 1`},
	{"replication.test: run out persists max+1", `
		create sequence s1 start with 5 minvalue 2 maxvalue 7 cache 10
		next => 5
		next => 6
		next => 7
		table => 8 2 7 5 1 10 0 0
		next => ERROR 4084
		table => 8 2 7 5 1 10 0 0
		flush
		next => ERROR 4084`},
	{"replication.test: cycle goes to minvalue, not start", `
		create sequence s1 start with 5 minvalue 2 maxvalue 7 cache 1 cycle
		next => 5
		next => 6
		next => 7
		next => 2
		next => 3
		row => 4 1`},
	{"replication.test: step larger than the range", `
		create sequence s1 start with 2 minvalue 1 maxvalue 3 increment by 3 nocache cycle
		next => 2
		next => 1
		next => 1
		next => 1
		table => 4 1 3 2 3 0 1 3`},
	{"alter.test: descending run out persists min-1", `
		create sequence s1 start with 2 minvalue 1 maxvalue 5 increment by -1 cache 10
		next => 2
		next => 1
		row => 0 0
		next => ERROR 4084`},
	{"replication.test: top of bigint with cycle", `
		create sequence s1 start with 9223372036854775805 minvalue 9223372036854775804 maxvalue 9223372036854775806 cache 1 cycle
		next => 9223372036854775805
		row => 9223372036854775806 0
		next => 9223372036854775806
		row => 9223372036854775807 0
		next => 9223372036854775804
		row => 9223372036854775805 1
		next => 9223372036854775805
		next => 9223372036854775806
		next => 9223372036854775804
		row => 9223372036854775805 2`},
	{"replication.test: top of bigint with cycle and cache 10", `
		create sequence s1 start with 9223372036854775805 minvalue 9223372036854775804 maxvalue 9223372036854775806 cache 10 cycle
		next => 9223372036854775805
		row => 9223372036854775807 0
		next => 9223372036854775806
		next => 9223372036854775804
		row => 9223372036854775807 1`},
	{"recorded: bottom of bigint descending with cycle", `
		create sequence s1 minvalue -9223372036854775807 maxvalue -9223372036854775806 increment -1 cache 2 cycle
		next => -9223372036854775806
		next => -9223372036854775807
		row => -9223372036854775808 0
		next => -9223372036854775806
		row => -9223372036854775808 1
		next => -9223372036854775807`},
	{"auto_increment.test: increment 0 with offset 2", `
		auto 2 2
		create sequence s start with -3 minvalue= -1000 increment 0
		next => -2
		next => 0
		flush
		next => 1998`},
	{"auto_increment.test: increment 0 with offset 1", `
		auto 2 1
		create sequence s start with -3 minvalue= -1000 increment 0
		next => -3
		next => -1
		next => 1
		flush
		next => 1997`},
	{"alter.test: alter discards the cache and keeps the row", `
		create sequence t1 cache 10
		next => 1
		alter start=100 => ok
		table => 11 1 9223372036854775806 100 1 10 0 0
		next => 11`},
	{"alter.test: minvalue past the position needs restart", `
		create sequence t1 cache 10
		next => 1
		alter minvalue=100 start=100 => ERROR 4085
		alter minvalue=100 start=100 restart=100 => ok
		next => 100
		table => 110 100 9223372036854775806 100 1 10 0 0`},
	{"recorded: alter checks next_not_cached against minvalue only when ascending", `
		create sequence b start 5 minvalue 1 maxvalue 10 cache 3
		next => 5
		row => 8 0
		alter maxvalue 7 => ok
		next => ERROR 4084
		alter minvalue 9 maxvalue 20 => ERROR 4085
		alter minvalue 8 maxvalue 20 start 8 => ok
		next => 8`},
	{"recorded: alter no minvalue keeps the literal 1", `
		create sequence a increment -1 minvalue -100 maxvalue -1
		alter no minvalue => ERROR 4085
		alter no maxvalue => ok
		table => -1 -100 9223372036854775806 -1 -1 1000 0 0`},
	{"alter.test: restart alone goes back to start", `
		create sequence s start 10 cache 5
		next => 10
		next => 11
		alter restart => ok
		next => 10`},
	{"other.test: insert replaces the row and can move backwards", `
		create sequence s1 cache 1000
		next => 1
		row => 1001 0
		insert 1,1,4,1,1,1,0,0 => ok
		table => 1 1 4 1 1 1 0 0
		next => 1
		next => 2
		row => 3 0
		insert 0,1,4,1,1,1,0,0 => ERROR 4085
		insert 5,6,4,5,1,1,0,0 => ERROR 4085
		next => 3
		next => 4
		next => ERROR 4084
		insert 2,1,4,1,1,1,0,0 => ok
		next => 2`},
	{"recorded: insert may leave next_not_cached past the end", `
		create sequence s1 maxvalue 10
		insert 11,1,10,1,1,5,0,0 => ok
		next => ERROR 4084`},
	{"create.test: increment 0 shows in the row", `
		create sequence t1 increment by 0
		table => 1 1 9223372036854775806 1 0 1000 0 0
		next => 1
		next => 2`},
	{"recorded: setval into a later round may hand out values below minvalue", `
		create sequence s2 minvalue 10 maxvalue 20 cycle cache 3
		next => 10
		setval 5 0 1 => 5
		table => 5 10 20 10 1 3 1 1
		next => 5
		next => 6
		table => 8 10 20 10 1 3 1 1`},
	{"recorded: a failed NEXTVAL moves the position to one past the end", `
		create sequence s minvalue -10 maxvalue 2 nocache
		setval 2 0 => 2
		next => 2
		next => ERROR 4084
		setval 5 0 => 5
		row => 5 0
		next => ERROR 4084
		next => ERROR 4084
		setval 4 0 => 4
		row => 4 0
		next => ERROR 4084`},
	{"recorded: setval after a run out compares with maxvalue+1", `
		create sequence s3 minvalue 1 maxvalue 10 cache 5
		setval 20 0 => 20
		setval 15 0 => NULL
		setval 10 0 => NULL
		row => 20 0
		next => ERROR 4084
		setval 15 0 => 15
		next => ERROR 4084
		setval 11 0 => 11`},
	{"recorded: an empty round with increment 0 runs out without writing", `
		auto 10 5
		create sequence s increment 0 minvalue 1 maxvalue 3 cycle
		next => ERROR 4084
		next => ERROR 4084
		next => ERROR 4084
		setval 100 0 1 => 100
		table => 1 1 3 1 0 1000 1 0`},
	{"recorded: setval with increment 0 aligns to auto_increment_offset", `
		auto 2 1
		create sequence s increment 0 cache 5
		next => 1
		setval 10 => 10
		row => 13 0
		next => 13
		setval 20 0 => 20
		next => 21
		auto 3 2
		flush
		next => 23`},
	{"recorded: descending setval and cache", `
		create sequence s increment -2 minvalue -100 maxvalue 100 start 0 cache 3
		next => 0
		row => -6 0
		setval -3 => -3
		next => -5
		setval -4 0 => NULL
		setval -20 0 => -20
		row => -20 0
		next => -20
		row => -26 0`},
	{"recorded: alter increment 0 re-aligns the position", `
		auto 5 3
		create sequence s cache 10
		next => 1
		alter increment 0 => ok
		next => 13
		next => 18`},
	{"seqd: nextn takes a contiguous batch", `
		create sequence s cache 10
		nextn 5 => 1 1
		row => 11 0
		next => 6
		nextn 10 => 7 1
		row => 21 0
		next => 17
		saves => 2
		nextn 0 => ERROR 1210`},
	{"seqd: nextn with nocache writes once", `
		create sequence s nocache
		nextn 4 => 1 1
		row => 5 0
		saves => 1
		next => 5
		row => 6 0`},
	{"seqd: nextn refuses a batch past the end and takes nothing", `
		create sequence s maxvalue 5 cache 2
		nextn 6 => ERROR 4900
		next => 1
		nextn 5 => ERROR 4900
		nextn 4 => 2 1
		nextn 2 => ERROR 4900
		next => ERROR 4084
		nextn 1 => ERROR 4084`},
	{"seqd: nextn with cycle starts a new round but never wraps inside", `
		create sequence s minvalue 1 maxvalue 5 cycle cache 2
		nextn 3 => 1 1
		nextn 3 => ERROR 4901
		nextn 2 => 4 1
		nextn 3 => 1 1
		row => 5 1
		nextn 6 => ERROR 4901
		next => 4`},
	{"seqd: nextn descending", `
		create sequence s increment -3 minvalue -20 maxvalue 0 cache 2
		nextn 3 => 0 -3
		row => -12 0
		next => -9
		nextn 4 => ERROR 4900
		nextn 3 => -12 -3
		next => ERROR 4084`},
	{"seqd: crash loses the cache, never repeats", `
		create sequence s cache 10
		next => 1
		next => 2
		crash
		next => 11
		row => 21 0`},
}

func TestSequenceScripts(t *testing.T) {
	for _, c := range sequenceScripts {
		t.Run(c.name, func(t *testing.T) { runScript(t, c.script) })
	}
}
