package notify

import (
	"os"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
)

// fieldSecrets are the secrets of the Zalo and webhook channels that
// ScrubberFor keeps out of logs and pages: the OA access token the
// administrator keeps, the app's secret key, the refresh token as
// written, and the webhook's key. The tokens Zalo hands out later are
// never written anywhere but the store.
func fieldSecrets(cfg *plan.Config, getenv func(string) string) []Login {
	var out []Login
	read := func(file string) {
		if file == "" {
			return
		}
		if b, err := os.ReadFile(file); err == nil {
			if s := strings.TrimSpace(string(b)); s != "" {
				out = append(out, Login{Password: s})
			}
		}
	}
	if z := cfg.Channels.Zalo; z != nil {
		read(z.AccessTokenFile)
		read(z.SecretKeyFile)
		read(z.RefreshTokenFile)
		if z.AccessTokenEnv != "" {
			if s := strings.TrimSpace(getenv(z.AccessTokenEnv)); s != "" {
				out = append(out, Login{Password: s})
			}
		}
	}
	if w := cfg.Channels.Webhook; w != nil {
		read(w.SecretFile)
	}
	return out
}
