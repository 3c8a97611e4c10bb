package sqlengine

import (
	"strings"
	"testing"
)

// TestUnwrapExecutableComments checks the texts mariadb-dump writes.
func TestUnwrapExecutableComments(t *testing.T) {
	for in, want := range map[string]string{
		"/*M!999999\\- enable the sandbox mode */ \nselect 1":           strings.Repeat(" ", 40) + "\nselect 1",
		"/*!50001 CREATE VIEW `v1` AS SELECT\n 1 AS `a` */":             "         CREATE VIEW `v1` AS SELECT\n 1 AS `a`   ",
		"/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=x */": "         CREATE ALGORITHM=UNDEFINED   \n         DEFINER=x   ",
		"select '/*!50001 x */', `/*!1*/` /* plain */":                  "select '/*!50001 x */', `/*!1*/` /* plain */",
		"select /*M!100100 1, */ 2 /*!999999 , 3 */":                    "select            1,    2                 ",
		"/*!40101 SET x=1 */":                                           "         SET x=1   ",
	} {
		if got := unwrapExecutableComments(in); got != want {
			t.Errorf("unwrapExecutableComments(%q) =\n%q\nwant\n%q", in, got, want)
		}
	}
}
