// Package store keeps nhacviec's durable state in one bbolt file: a record of
// every delivery, the scheduler's checkpoints, acknowledgements and an audit
// log. It is the only package that imports bbolt.
package store
