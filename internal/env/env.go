// Package env holds what the root package and package authn share about
// their configuration: the names of the environment variables, the one rule
// for reading them, and the one rule for where plain http is allowed.
package env

import (
	"net"
	"strings"
)

// The environment variables of the module.
const (
	BaseURL      = "SELLERCENTER_BASE_URL"
	TokenURL     = "SELLERCENTER_TOKEN_URL"
	ClientID     = "SELLERCENTER_CLIENT_ID"
	ClientSecret = "SELLERCENTER_CLIENT_SECRET"
)

// Read returns the value of each name through lookup, trimmed of the white
// space around it (a secret read with $(cat file) ends in a newline), and
// the names that are unset or blank, in the order given.
func Read(lookup func(string) (string, bool), names ...string) (values, missing []string) {
	values = make([]string, len(names))
	for i, name := range names {
		v, _ := lookup(name)
		values[i] = strings.TrimSpace(v)
		if values[i] == "" {
			missing = append(missing, name)
		}
	}
	return values, missing
}

// Loopback reports whether host names this machine, the only place a
// bearer token or a client secret may travel over plain http, since nobody
// can sniff it there.
func Loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
