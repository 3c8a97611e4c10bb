package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
)

// GMS reads a view (planbuilder resolveView) by binding its stored CREATE VIEW statement with
// bindOnlyWithDatabase, which first looks up the session's current database and fails with
// "no database selected" when there is none, although a view's names never depend on it (they
// are all qualified, views.go). So while GMS binds a view in a session without a current
// database, the session reports the view's database as current: from GetViewDefinition, which
// GMS calls just before, until GMS looks that database up (the lookup of bindOnlyWithDatabase)
// or, failing that, the end of the statement.

// viewSession is a session's view state for the statement being run; CommandEnd resets it.
type viewSession struct {
	db     string      // the database of the view GMS is binding (see above)
	checks []viewCheck // the CHECK OPTIONs of the view the statement writes (viewdml.go)
}

// GetCurrentDatabase implements sql.Session.
func (s *Session) GetCurrentDatabase() string {
	if s.views.db != "" {
		return s.views.db
	}
	return s.BaseSession.GetCurrentDatabase()
}

// bindingView is called when GMS is about to bind a view of database db ("": done).
func bindingView(ctx *sql.Context, db string) {
	if sess, ok := ctx.Session.(*Session); ok && sess.BaseSession.GetCurrentDatabase() == "" {
		sess.views.db = db
	}
}

// viewDatabaseUsed is called for every lookup of a database by name; looking up the database
// a view is being bound in ends the substitution.
func viewDatabaseUsed(ctx *sql.Context, name string) {
	if ctx == nil {
		return
	}
	if sess, ok := ctx.Session.(*Session); ok && sess.views.db != "" && strings.EqualFold(sess.views.db, name) {
		sess.views.db = ""
	}
}
