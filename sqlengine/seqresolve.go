package sqlengine

import (
	"context"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/functions"
	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// seqRefInjectable is the parsed name argument of nextval/lastval/setval. When GMS plans the
// statement it becomes a functions.Ref qualified with the current database, which is what
// MariaDB stores in views and column defaults.
type seqRefInjectable struct {
	db, name string
	base     bool // in a stored column default: see functions.Ref.Base
}

// String implements fmt.Stringer.
func (r *seqRefInjectable) String() string {
	if r.db == "" {
		return r.name
	}
	return r.db + "." + r.name
}

// WithResolvedChildren implements ast.Injectable.
func (r *seqRefInjectable) WithResolvedChildren(ctx context.Context, _ []any) (any, error) {
	db := r.db
	if db == "" {
		if sctx, ok := ctx.(*sql.Context); ok {
			db = sctx.GetCurrentDatabase()
		}
		if db == "" {
			return nil, mariaErr(sequences.ErrNoDB)
		}
	}
	ref := functions.NewRef(db, r.name)
	ref.Base = r.base
	return ref, nil
}

// seqResolver implements functions.Sequences for the server.
type seqResolver struct{ srv *Server }

var _ functions.Sequences = seqResolver{}

// registerFunctions registers NEXTVAL, LASTVAL and SETVAL.
func (s *Server) registerFunctions() error {
	ctx := sql.NewEmptyContext()
	s.engine.Analyzer.Catalog.RegisterFunction(ctx, functions.Functions(seqResolver{s})...)
	return nil
}

// LastValues implements functions.Sequences.
func (r seqResolver) LastValues(ctx *sql.Context) *sequences.LastValues {
	if sess, err := sessionOf(ctx); err == nil {
		return &sess.lastVals
	}
	return &sequences.LastValues{}
}

// Resolve implements functions.Sequences.
func (r seqResolver) Resolve(ctx *sql.Context, ref *functions.Ref, op functions.Op) (*sequences.Sequence, error) {
	return r.srv.openSequence(ctx, ref.DB, ref.Name, op, ref.Base)
}

// lookupSequence finds db.name for ctx's session: a temporary sequence shadows a base one,
// unless base is set. It returns MariaDB's errors for a missing name (4091) and for a table or
// view (4089).
func (s *Server) lookupSequence(ctx *sql.Context, db, name string, base bool) (*storage.TableDef, bool, error) {
	if def, ok := s.sessionTemp(ctx).get(db, name); ok && !base {
		if !def.Sequence {
			return nil, false, mariaErr(sequences.ErrNotSequence, db, name)
		}
		return def, true, nil
	}
	cat := s.catalogOf(ctx)
	if def, ok := cat.Table(db, name); ok {
		if !def.Sequence {
			return nil, false, mariaErr(sequences.ErrNotSequence, db, name)
		}
		return def, false, nil
	}
	if _, ok := cat.View(db, name); ok {
		return nil, false, mariaErr(sequences.ErrNotSequence, db, name)
	}
	// MariaDB failed to open the table first: SHOW WARNINGS lists its 1146 after the 4091.
	noteAfterError(ctx, &sql.Warning{Level: "Error", Code: sequences.ErrNoSuchTable.Code,
		Message: sequences.ErrNoSuchTable.New(db, name).Message})
	return nil, false, mariaErr(sequences.ErrUnknownSequences, name)
}

// openSequence resolves db.name (the base sequence if base is set) and checks the privileges
// op needs.
func (s *Server) openSequence(ctx *sql.Context, db, name string, op functions.Op, base bool) (*sequences.Sequence, error) {
	if base || !s.sessionTemp(ctx).has(db, name) {
		if err := checkLocked(ctx, db, name, op != functions.OpLast); err != nil {
			if _, isView := s.catalogOf(ctx).View(db, name); isView {
				return nil, mariaErr(sequences.ErrNotSequence, db, name) // a locked view opens, and is no sequence
			}
			return nil, err
		}
	}
	def, temp, err := s.lookupSequence(ctx, db, name, base)
	if err != nil {
		if base && isUnknownSequence(err) {
			// A column default's sequence is opened with its table: a missing one is 1146.
			clearErrorNotes(ctx)
			return nil, mariaErr(sequences.ErrNoSuchTable, db, name)
		}
		return nil, err
	}
	if err := s.admitSequence(ctx, temp, op != functions.OpLast); err != nil {
		return nil, err
	}
	if !temp {
		if err := s.checkSequencePrivileges(ctx, db, def.Name, op); err != nil {
			return nil, err
		}
		if err := lockSequenceInTransaction(ctx, def.ID); err != nil {
			return nil, err
		}
	}
	seq, err := s.seqs.Open(def.ID, db, def.Name)
	if err != nil {
		return nil, sqlErr(err)
	}
	return seq, nil
}

// checkSequencePrivileges checks what MariaDB checks: NEXTVAL needs INSERT and SELECT, SETVAL
// INSERT, LASTVAL SELECT.
func (s *Server) checkSequencePrivileges(ctx *sql.Context, db, name string, op functions.Op) error {
	switch op {
	case functions.OpNext:
		return s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_Select, sql.PrivilegeType_Insert)
	case functions.OpSet:
		return s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_Insert)
	}
	return s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_Select)
}

// checkTablePrivileges fails with MariaDB's 1142 error naming the missing privileges.
func (s *Server) checkTablePrivileges(ctx *sql.Context, db, table string, privs ...sql.PrivilegeType) error {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if !mdb.Enabled() {
		return nil
	}
	subject := sql.PrivilegeCheckSubject{Database: db, Table: table}
	if mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, privs...)) {
		return nil
	}
	var missing []string
	for _, p := range privs {
		if !mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, p)) {
			missing = append(missing, strings.ToUpper(p.String()))
		}
	}
	user, host := accountOfSession(ctx)
	return mariaErr(sequences.ErrTableAccessDenied, strings.Join(missing, ", "), user, host, db, table)
}

var _ = fmt.Sprintf
