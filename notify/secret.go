package notify

import (
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/nhacviec/nhacviec/plan"
)

// ReadSecret reads a channel's password from its file (password_file) or
// its environment variable (password_env), trimmed; a channel with neither
// has none. Errors name the file or the variable, never the value.
func ReadSecret(file, env string, getenv func(string) string) (string, error) {
	switch {
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read password_file: %w", err)
		}
		p := strings.TrimSpace(string(b))
		if p == "" {
			return "", fmt.Errorf("password_file %s is empty", file)
		}
		return p, nil
	case env != "":
		p := strings.TrimSpace(getenv(env))
		if p == "" {
			return "", fmt.Errorf("password_env: environment variable %s is not set or empty", env)
		}
		return p, nil
	}
	return "", nil
}

// Limiter spaces sends evenly at r, without bursts: mail servers, phone
// gateways and SMS providers all count requests in short windows.
func Limiter(r plan.Rate) *rate.Limiter {
	if r.N <= 0 || r.Per <= 0 {
		return rate.NewLimiter(rate.Inf, 1)
	}
	return rate.NewLimiter(rate.Every(r.Per/time.Duration(r.N)), 1)
}
