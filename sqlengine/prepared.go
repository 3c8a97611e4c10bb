package sqlengine

import (
	"github.com/seqd/seqd/sequences"
)

// GMS reports every unknown prepared statement as 1105 "... given to EXECUTE"; MariaDB says
// 1243 and names the statement that used it.
func init() {
	translations = append(translations, translation{
		re(`^Unknown prepared statement handler \((.*)\) given to EXECUTE$`),
		func(t *translator, m []string) error {
			return mariaErr(sequences.ErrUnknownStmtHandler, m[1], preparedStatementVerb(t.query))
		},
	})
}

// preparedStatementVerb names the statement of query that uses a prepared statement as
// MariaDB's error texts do.
func preparedStatementVerb(query string) string {
	toks := lexAll(query, false)
	if len(toks) > 0 && (toks[0].isWord(query, "deallocate") || toks[0].isWord(query, "drop")) {
		return "DEALLOCATE PREPARE"
	}
	return "EXECUTE"
}
