package sqlengine

import (
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/mysql_db"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/sequences"
)

// MariaDB's GRANT creates the accounts it names that do not exist yet, unless sql_mode has
// NO_AUTO_CREATE_USER and the account is given no password (then 1133), and
// `TO user IDENTIFIED BY [PASSWORD] 'x'` sets the account's password. vitess does not parse
// IDENTIFIED BY in GRANT and GMS refuses unknown accounts, so the parser cuts the clauses out
// (grantPasswords) and the priority builder creates or updates the accounts before GMS runs the
// GRANT (grantCreatesUsers).

// grantPassword is an IDENTIFIED BY clause of a GRANT.
type grantPassword struct {
	text   string // the password, or its hash when hashed
	hashed bool   // IDENTIFIED BY PASSWORD '*...'
}

// accountKey names an account as user@host, unquoted.
type accountKey struct{ user, host string }

// grantPasswords finds the IDENTIFIED BY clauses of a GRANT statement q. It returns q with
// each clause blanked out (same length, so error positions stay right) and the passwords by
// account; ok is false when q is not a GRANT with such a clause.
func grantPasswords(q string) (string, map[accountKey]grantPassword, bool) {
	if !containsFold(q, "identified") {
		return q, nil, false
	}
	toks := lexAll(q, false)
	if len(toks) == 0 || !toks[0].isWord(q, "grant") {
		return q, nil, false
	}
	to := -1
	for i, t := range toks {
		if t.isWord(q, "to") {
			to = i
			break
		}
	}
	if to < 0 {
		return q, nil, false
	}
	b := []byte(q)
	passwords := map[accountKey]grantPassword{}
	userStart := to + 1
	for i := to + 1; i < len(toks); i++ {
		t := toks[i]
		if t.isPunct(q, ',') {
			userStart = i + 1
			continue
		}
		if !t.isWord(q, "identified") || i+2 >= len(toks) || !toks[i+1].isWord(q, "by") {
			continue
		}
		j := i + 2
		hashed := toks[j].isWord(q, "password")
		if hashed {
			j++
		}
		if j >= len(toks) || toks[j].kind != tokString {
			continue
		}
		key, ok := accountOf(q, toks[userStart:i])
		if !ok {
			continue
		}
		passwords[key] = grantPassword{text: unquoteString(toks[j].text(q)), hashed: hashed}
		for k := t.start; k < toks[j].end; k++ {
			b[k] = ' '
		}
		i = j
	}
	if len(passwords) == 0 {
		return q, nil, false
	}
	return string(b), passwords, true
}

// accountOf reads a user specification (name, name@host, 'name'@'host', ...) from toks.
func accountOf(q string, toks []token) (accountKey, bool) {
	if len(toks) == 0 || (!toks[0].isIdent() && toks[0].kind != tokString) {
		return accountKey{}, false
	}
	key := accountKey{user: unquoteName(toks[0].text(q)), host: "%"}
	switch {
	case len(toks) == 1:
	case len(toks) == 2 && toks[1].kind == tokVar && len(toks[1].text(q)) > 1:
		key.host = toks[1].text(q)[1:]
	case len(toks) == 3 && toks[1].kind == tokVar && toks[1].text(q) == "@":
		key.host = unquoteName(toks[2].text(q))
	default:
		return accountKey{}, false
	}
	return key, true
}

// unquoteName strips the quotes of a quoted identifier or string.
func unquoteName(s string) string {
	if len(s) >= 2 && (s[0] == '`' || s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		if s[0] == '`' {
			return strings.ReplaceAll(s[1:len(s)-1], "``", "`")
		}
		return unquoteString(s)
	}
	return s
}

// unquoteString returns the value of a quoted string literal.
func unquoteString(s string) string {
	if len(s) < 2 {
		return s
	}
	q := s[0]
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body):
			i++
			switch body[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '0':
				b.WriteByte(0)
			default:
				b.WriteByte(body[i])
			}
		case c == q && i+1 < len(body) && body[i+1] == q:
			b.WriteByte(q)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// grantCreatesUsers creates the accounts a GRANT names that do not exist, and sets the
// passwords it gives, before GMS runs it.
func (s *Server) grantCreatesUsers(ctx *sql.Context, n *plan.Grant) error {
	sess, _ := ctx.Session.(*Session)
	var passwords map[accountKey]grantPassword
	if sess != nil {
		passwords, sess.grantPasswords = sess.grantPasswords, nil
	}
	mdb, ok := n.MySQLDb.(*mysql_db.MySQLDb)
	if !ok {
		return nil
	}
	noAutoCreate := sql.LoadSqlMode(ctx).ModeEnabled("NO_AUTO_CREATE_USER")
	ed := mdb.Editor()
	defer ed.Close()
	changed := false
	for _, u := range n.Users {
		host := u.Host
		if host == "" {
			host = "%"
		}
		pw, hasPW := passwords[accountKey{user: u.Name, host: host}]
		auth := ""
		if hasPW {
			auth = pw.text
			if !pw.hashed && pw.text != "" {
				a, err := plan.AuthenticationMysqlNativePassword(pw.text).AuthString()
				if err != nil {
					return err
				}
				auth = a
			}
		}
		if user, ok := ed.GetUser(mysql_db.UserPrimaryKey{Host: host, User: u.Name}); ok {
			if hasPW {
				user.AuthString = auth
				user.Plugin = string(mysql_db.DefaultAuthMethod)
				user.PasswordLastChanged = time.Now().UTC()
				ed.PutUser(user)
				changed = true
			}
			continue
		}
		if noAutoCreate && !hasPW {
			return mariaErr(sequences.ErrPasswordNoMatch)
		}
		ed.PutUser(&mysql_db.User{
			User:                u.Name,
			Host:                host,
			PrivilegeSet:        mysql_db.NewPrivilegeSet(),
			Plugin:              string(mysql_db.DefaultAuthMethod),
			AuthString:          auth,
			PasswordLastChanged: time.Now().UTC(),
		})
		changed = true
	}
	if !changed {
		return nil
	}
	return mdb.Persist(ctx, ed)
}
