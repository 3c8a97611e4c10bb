package sqlengine

import (
	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"

	"github.com/seqd/seqd/sequences"
)

// build assembles the GMS engine: provider over storage, seqd's parser, MariaDB's schema
// formatter, DDL hooks, the priority exec builder, the sequence functions and the accounts.
func (s *Server) build() error {
	s.seqs = sequences.NewManager(s.db.SequenceStore(), s.autoIncrementSettings)
	s.provider = newProvider(s)
	overrides := sql.EngineOverrides{
		Builder:         sql.BuilderOverrides{Parser: newParser()},
		SchemaFormatter: &mariadbFormatter{},
		Hooks:           s.hooks(),
	}
	a := analyzer.NewBuilder(s.provider).AddOverrides(overrides).AddPostAnalyzeRule(seqSortRuleID, seqSortRule).
		AddPreAnalyzeRule(showLikeRuleID, showTablesLikeRule).Build()
	a.ExecBuilder.PriorityBuilder = &priorityBuilder{srv: s, base: a.ExecBuilder}
	a.Catalog.AuthHandler = authHandler{AuthorizationHandler: a.Catalog.AuthHandler, srv: s}
	wrapAlterValidation(a)
	s.installInfoSchema(a)
	s.engine = sqle.New(a, &sqle.Config{})
	if err := s.registerFunctions(); err != nil {
		return err
	}
	return s.loadAccounts()
}

// autoIncrementSettings returns the global auto_increment_increment and auto_increment_offset,
// which sequences with INCREMENT 0 follow.
func (s *Server) autoIncrementSettings() sequences.AutoIncrement {
	ai := sequences.DefaultAutoIncrement
	if _, v, ok := sql.SystemVariables.GetGlobal("auto_increment_increment"); ok {
		if n, ok := toUint(v); ok {
			ai.Increment = int64(n)
		}
	}
	if _, v, ok := sql.SystemVariables.GetGlobal("auto_increment_offset"); ok {
		if n, ok := toUint(v); ok {
			ai.Offset = int64(n)
		}
	}
	return ai
}
