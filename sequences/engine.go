package sequences

import "strings"

// sequenceEngines are the storage engines a sequence can use, by lower-case name or alias.
var sequenceEngines = map[string]string{
	"innodb": "InnoDB", "innobase": "InnoDB",
	"myisam": "MyISAM",
	"aria":   "Aria", "maria": "Aria",
}

// otherEngines are engines MariaDB knows but that cannot hold a sequence; CREATE SEQUENCE with
// them fails with 1478 naming the engine as MariaDB spells it.
var otherEngines = map[string]string{
	"memory": "MEMORY", "heap": "MEMORY",
	"csv":        "CSV",
	"mrg_myisam": "MRG_MyISAM", "merge": "MRG_MyISAM",
	"archive":            "ARCHIVE",
	"performance_schema": "PERFORMANCE_SCHEMA",
}

// ResolveEngine returns the canonical name of the storage engine name (case-insensitive) for a
// sequence: InnoDB, MyISAM or Aria (maria is Aria). An engine that cannot hold sequences gives
// 1478 (ErrIllegalHACreateOption); any other name, including sequence and sql_sequence, gives
// 1286 (ErrUnknownStorageEngine) with the name as written.
//
// NB: MariaDB resolves the engine after the statement is parsed and after CREATE's option
// check (4085), and only the last ENGINE= counts, so callers resolve TableOptions.Engine.
func ResolveEngine(name string) (string, error) {
	lower := strings.ToLower(name)
	if e, ok := sequenceEngines[lower]; ok {
		return e, nil
	}
	if e, ok := otherEngines[lower]; ok {
		return "", ErrIllegalHACreateOption.New(e, "SEQUENCE")
	}
	return "", ErrUnknownStorageEngine.New(name)
}

// KnownEngine returns 1286 (ErrUnknownStorageEngine) when name is not an engine MariaDB knows.
// MariaDB looks the engine up before it checks whether the table exists, and only afterwards
// (ResolveEngine) whether the engine can hold a sequence: CREATE SEQUENCE s ENGINE=MEMORY on an
// existing s fails with 1050, CREATE OR REPLACE drops s and then fails with 1478.
func KnownEngine(name string) error {
	lower := strings.ToLower(name)
	if _, ok := sequenceEngines[lower]; ok {
		return nil
	}
	if _, ok := otherEngines[lower]; ok {
		return nil
	}
	return ErrUnknownStorageEngine.New(name)
}
