// Package web is nhacviec's HTTP side: the acknowledgement pages behind
// the links in messages, the SMS replies relayed by the gateway, the
// calendar feeds, health and reload, the officer's dashboard and the
// Prometheus metrics. It wraps net/http so that cmd/ only builds a
// Server, opens it and closes it.
//
// Each feature registers its routes from its own file (ackRoutes,
// smsRoutes, icsRoutes, opsRoutes, dashboardRoutes, metricsRoutes); pages
// share one layout, style sheet and text catalog, embedded under
// templates/, in the service language. The dashboard, /metrics and the
// admin endpoints sit behind the admin guard (auth.go), which asks the
// CSRF token (csrf.go) of every request that changes something; the ack
// pages and /sms/inbound carry capabilities of their own and stay public.
// Every request must name one of this server's hosts (host.go), and
// guessed SMS codes and admin passwords are locked out (lockout.go).
package web
