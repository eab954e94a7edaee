// Package web is nhacviec's HTTP side: the acknowledgement pages behind
// the links in messages, the SMS replies relayed by the gateway, the
// calendar feeds, health and reload. It wraps net/http so that cmd/ only
// builds a Server, opens it and closes it.
//
// Each feature registers its routes from its own file (ackRoutes,
// smsRoutes, icsRoutes, opsRoutes); pages share one layout, style sheet
// and text catalog, embedded under templates/, in the service language.
package web
