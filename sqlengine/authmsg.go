package sqlengine

import (
	"net"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/vitess/go/mysql"
)

// A refused login gets MariaDB's text, "Access denied for user 'u'@'localhost' (using password:
// YES)", instead of GMS's "Access denied for user 'u'". GMS builds the text inside the
// authentication method, so seqd wraps the methods the protocol listener uses.

// mariaDBListenerFactory builds GMS's protocol listener with authMessages around its
// authentication server.
func mariaDBListenerFactory(cfg server.Config, lc mysql.ListenerConfig, sel server.ServerEventListener) (server.ProtocolListener, error) {
	lc.AuthServer = authMessages{AuthServer: lc.AuthServer}
	return server.MySQLProtocolListenerFactory(cfg, lc, sel)
}

// authMessages is an authentication server whose methods refuse logins with MariaDB's text.
type authMessages struct{ mysql.AuthServer }

// AuthMethods implements mysql.AuthServer.
func (a authMessages) AuthMethods() []mysql.AuthMethod {
	methods := a.AuthServer.AuthMethods()
	out := make([]mysql.AuthMethod, len(methods))
	for i, m := range methods {
		out[i] = authMethodMessages{AuthMethod: m}
	}
	return out
}

// authMethodMessages is one authentication method with MariaDB's refusal text.
type authMethodMessages struct{ mysql.AuthMethod }

// HandleAuthPluginData implements mysql.AuthMethod.
func (m authMethodMessages) HandleAuthPluginData(conn *mysql.Conn, user string, serverData, clientData []byte, addr net.Addr) (mysql.Getter, error) {
	g, err := m.AuthMethod.HandleAuthPluginData(conn, user, serverData, clientData, addr)
	if se, ok := err.(*mysql.SQLError); ok && se.Num == mysql.ERAccessDeniedError {
		using := "NO"
		if len(clientData) > 0 && !(len(clientData) == 1 && clientData[0] == 0) {
			using = "YES"
		}
		host := "localhost"
		if addr != nil {
			host = connectionHost(addr.String())
		}
		return nil, mysql.NewSQLError(mysql.ERAccessDeniedError, mysql.SSAccessDeniedError,
			"Access denied for user '%s'@'%s' (using password: %s)", user, host, using)
	}
	return g, err
}
