package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// SHOW TABLE STATUS has MariaDB's 20 columns (GMS's has 18, without Max_index_length and
// Temporary) and the values of information_schema.TABLES, so seqd runs it as a query of that
// table.

// tableStatusQuery is SHOW TABLE STATUS over information_schema.TABLES; %s is the database.
const tableStatusQuery = "SELECT TABLE_NAME AS `Name`, ENGINE AS `Engine`, VERSION AS `Version`, " +
	"ROW_FORMAT AS `Row_format`, TABLE_ROWS AS `Rows`, AVG_ROW_LENGTH AS `Avg_row_length`, " +
	"DATA_LENGTH AS `Data_length`, MAX_DATA_LENGTH AS `Max_data_length`, INDEX_LENGTH AS `Index_length`, " +
	"DATA_FREE AS `Data_free`, AUTO_INCREMENT AS `Auto_increment`, CREATE_TIME AS `Create_time`, " +
	"UPDATE_TIME AS `Update_time`, CHECK_TIME AS `Check_time`, TABLE_COLLATION AS `Collation`, " +
	"CHECKSUM AS `Checksum`, CREATE_OPTIONS AS `Create_options`, TABLE_COMMENT AS `Comment`, " +
	"MAX_INDEX_LENGTH AS `Max_index_length`, TEMPORARY AS `Temporary` " +
	"FROM information_schema.TABLES WHERE TABLE_SCHEMA = '%s'"

// showTableStatusStatement returns the query that answers SHOW TABLE STATUS [FROM db] [LIKE |
// WHERE], or an error for a missing database.
func showTableStatusStatement(ctx context.Context, s *ast.Show) (ast.Statement, error) {
	db := s.Database
	sctx, _ := ctx.(*sql.Context)
	if db == "" && sctx != nil {
		db = sctx.GetCurrentDatabase()
	}
	if db == "" {
		return nil, mariaErr(sequences.ErrNoDB)
	}
	if sess, ok := sessionFromContext(sctx); ok {
		if _, exists := sess.srv.catalogOf(sctx).Database(db); !exists && !strings.EqualFold(db, "information_schema") && !strings.EqualFold(db, "mysql") {
			return nil, mariaErr(sequences.ErrBadDB, db)
		}
	}
	inner := strings.Replace(tableStatusQuery, "%s", strings.ReplaceAll(db, "'", "''"), 1)
	q := "SELECT * FROM (" + inner + ") AS `status` ORDER BY `Name`"
	stmt, err := ast.Parse(q)
	if err != nil {
		return nil, err
	}
	sel := stmt.(*ast.Select)
	if f := s.Filter; f != nil {
		var cond ast.Expr
		if f.Filter != nil {
			cond = f.Filter
		} else {
			cond = &ast.ComparisonExpr{Operator: ast.LikeStr, Left: &ast.ColName{Name: ast.NewColIdent("Name")}, Right: ast.NewStrVal([]byte(f.Like))}
		}
		sel.Where = &ast.Where{Type: ast.WhereStr, Expr: cond}
	}
	return sel, nil
}

func sessionFromContext(ctx *sql.Context) (*Session, bool) {
	if ctx == nil {
		return nil, false
	}
	s, ok := ctx.Session.(*Session)
	return s, ok
}
