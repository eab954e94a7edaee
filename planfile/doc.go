// Package planfile writes plan and configuration files as a person wrote
// them. It reads a file as yaml.v3 nodes only to find where each value it
// changes is written, and replaces those bytes in the text: every comment,
// the key order and the layout of everything else stay as they were, byte
// for byte (encoding the nodes again would realign comments and drop
// blank lines).
//
// Apply and Doc edit a file on its tree (set a value, insert, delete or
// move an item), check the result with config, write it atomically and
// keep each version in the store's history. Roll moves a plan to another
// year; Extract takes a plan written inside a configuration file out into
// a file of its own.
package planfile
