package sqlengine

import (
	"testing"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// TestUnknownColumnClause checks the clause named for an unknown column against what MariaDB
// 10.11 reported for the same statements (conformance/testdata/errors.result holds the
// end-to-end check).
func TestUnknownColumnClause(t *testing.T) {
	tests := []struct{ query, col, want string }{
		{"select nope from t1", "nope", "SELECT"},
		{"select id from t1 where nope = 1", "nope", "WHERE"},
		{"select nope from t1 where nope = 1", "nope", "SELECT"},
		{"select id from t1 where id in (select nope from t2)", "nope", "SELECT"},
		{"select t1.id from t1 join t2 on t1.nope = t2.id", "t1.nope", "ON"},
		{"select t1.id from t1 join t2 using (nope)", "nope", "FROM"},
		{"select id from t1 order by nope", "nope", "ORDER BY"},
		{"select id from t1 group by nope", "nope", "GROUP BY"},
		{"select id from t1 having nope > 1", "nope", "HAVING"},
		{"select max(id) over (partition by nope) from t1", "nope", "GROUP BY"},
		{"select max(id) over (order by nope) from t1", "nope", "ORDER BY"},
		{"select * from t1 where exists (select 1 from t2 where t2.nope = t1.id)", "t2.nope", "WHERE"},
		{"select id from t1 union select id from t2 order by nope", "nope", "ORDER BY"},
		{"update t1 set nope = 1", "nope", "SET"},
		{"update t1 set id = nope", "nope", "SET"},
		{"update t1 set id = 1 where nope = 2", "nope", "WHERE"},
		{"update t1, t2 set t1.id = t2.nope", "t2.nope", "SELECT"},
		{"delete from t1 order by nope", "nope", "ORDER BY"},
		{"insert into t1 (nope) values (1)", "nope", "INSERT INTO"},
		{"insert into t1 values (nope, 'a')", "nope", "VALUES"},
		{"insert into t1 (id) values (1) on duplicate key update nope = 1", "nope", "UPDATE"},
		{"insert into t1 (id) values (1) on duplicate key update id = nope", "nope", "SELECT"},
		{"insert into t1 (id) select nope from t2", "nope", "SELECT"},
		{"create table t3 as select nope from t1", "nope", "SELECT"},
	}
	for _, tt := range tests {
		stmt, err := ast.Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		if got := unknownColumnClause(stmt, parseColumnRef(tt.col)); got != tt.want {
			t.Errorf("unknownColumnClause(%q, %q) = %q, want %q", tt.query, tt.col, got, tt.want)
		}
	}
}

func TestQualifierOf(t *testing.T) {
	stmt, err := ast.Parse("select t1.id from t1 join t2 on t1.id = t2.id where t2.nope = 1")
	if err != nil {
		t.Fatal(err)
	}
	if got := qualifierOf(stmt, "nope"); got != "t2" {
		t.Errorf("qualifierOf(nope) = %q, want t2", got)
	}
}
